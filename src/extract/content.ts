// Finding the article body: Readability's idea (paragraphs vote for their ancestors, link
// density discounts, the best container wins and brings its worthy siblings), done in a few
// linear passes over the DOM, then a cleaning pass that removes the boilerplate publishers put
// *inside* the body: related-link lines, ad markers, sign-up and donation boxes, share rows,
// bylines and time stamps, credits, author notes, comment forms.
import {
  AD_MARKER, ARTICLE_JUNK, AUTHOR_BIO, BYLINE_LINE, CALL_TO_ACTION, CAPTION, classWords, CONTRIBUTOR_LINE, CREDIT_LINE,
  isDateLine, MAYBE_CANDIDATE, NEGATIVE, POSITIVE, RELATED_LINE, STAMP_LINE, UNLIKELY, UNLIKELY_WEAK,
} from './boilerplate.js';
import { isAllowedVideo, isPlaceholderSource } from './sanitize.js';
import type { SiteRule } from './site-rules.js';
import { attrOf, bodyOf } from './dom.js';

/** Elements that are never content: removed before anything is scored. */
const DROP_TAGS = new Set([
  'script', 'style', 'link', 'meta', 'template', 'svg', 'math', 'canvas', 'object', 'embed', 'applet', 'button',
  'input', 'select', 'option', 'textarea', 'label', 'nav', 'aside', 'footer', 'header', 'dialog', 'menu',
  'noembed', 'frame', 'frameset', 'map', 'area', 'audio', 'source', 'track',
]);
const DROP_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search', 'toolbar', 'tablist']);
/** Containers never removed as "unlikely" by their class: they may be the article. */
const NEVER_UNLIKELY = new Set(['body', 'html', 'a', 'article', 'main', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'code', 'pre', 'p', 'li', 'figure', 'img', 'picture']);

/** Elements whose text is a paragraph of their own. */
const PARAGRAPHS = new Set(['p', 'pre', 'td', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd', 'li']);
/** Block-level elements: their text does not belong to the parent's inline text. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'summary',
]);
const COMMAS = /[,\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C\u3001]/g;

interface Stats {
  /** Characters of text (each text node trimmed). */
  text: number;
  /** Characters of text inside links. */
  link: number;
  commas: number;
  /** Paragraph elements (p, and divs holding text of their own). */
  paragraphs: number;
  images: number;
  /** The vote of this element's own paragraph (0 when it holds none). */
  own: number;
  /** Sums of the own votes of descendants 1, 2, 3, 4 and 5 levels down. */
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  l5: number;
  /** Votes from the paragraphs below (Readability's content score: parent full, grandparent half, then a third per level). */
  votes: number;
}

interface Context {
  stats: Map<Element, Stats>;
  /** Elements set aside by their class or id ("unlikely" containers); skipped when scoring. */
  unlikely: Set<Element>;
  /** Set aside too, unless their content reads like the article (UNLIKELY_WEAK). */
  doubtful: Set<Element>;
}

function classAndId(el: Element): string {
  return classWords(attrOf(el, 'class'), attrOf(el, 'id'));
}

function classWeight(el: Element): number {
  const s = classAndId(el);
  if (!s) return 0;
  let weight = 0;
  if (NEGATIVE.test(s)) weight -= 25;
  if (POSITIVE.test(s)) weight += 25;
  return weight;
}

function isHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || attrOf(el, 'aria-hidden') === 'true';
}

/**
 * <noscript> holding the real picture of a lazy-loaded image: the picture replaces the
 * script-only placeholder before it, or is kept on its own.
 */
function unwrapNoscriptImage(noscript: Element): boolean {
  const img = noscript.querySelector('img');
  if (!img) return false;
  const prev = noscript.previousElementSibling;
  if (prev) {
    const placeholder = prev.localName === 'img' ? prev : prev.querySelector('img');
    if (placeholder && (isPlaceholderSource(attrOf(placeholder, 'src')) || prev.localName === 'img')) {
      if (prev.localName === 'img') prev.remove();
      else placeholder.replaceWith(img);
      if (prev.localName !== 'img') {
        noscript.remove();
        return true;
      }
    }
  }
  noscript.replaceWith(img);
  return true;
}

/** Pass 1, top-down: drops non-content elements, sets aside unlikely containers. */
function prune(root: Element, ctx: Context, skipUnlikely: boolean): void {
  let node = root.firstChild;
  while (node) {
    const next: ChildNode | null = node.nextSibling;
    if (node.nodeType === 1) {
      const el = node as Element;
      const name = el.localName;
      if (name === 'noscript') {
        if (!unwrapNoscriptImage(el)) el.remove();
      } else if (name === 'iframe') {
        if (!isAllowedVideo(attrOf(el, 'src') ?? attrOf(el, 'data-src'))) el.remove();
      } else if (DROP_TAGS.has(name) || isHidden(el) || DROP_ROLES.has(attrOf(el, 'role') ?? '')) {
        el.remove();
      } else {
        if (!skipUnlikely && !NEVER_UNLIKELY.has(name)) {
          const s = classAndId(el);
          if (s && !MAYBE_CANDIDATE.test(s)) {
            if (UNLIKELY.test(s)) ctx.unlikely.add(el);
            else if (UNLIKELY_WEAK.test(s)) ctx.doubtful.add(el);
          }
        }
        if (el.firstChild) prune(el, ctx, skipUnlikely);
      }
    }
    node = next;
  }
}

/** An unlikely container keeps its place when it reads like the article itself. */
function readsLikeArticle(s: Stats): boolean {
  return s.paragraphs >= 3 && s.text >= 500 && s.link < s.text * 0.3;
}

/**
 * Pass 2, bottom-up: text, link text, commas and paragraph votes for every element. Votes
 * flow up as per-level sums, so an unlikely container's subtree can be judged whole and then
 * counted or left out.
 */
function measure(el: Element, ctx: Context): Stats {
  const stats: Stats = { text: 0, link: 0, commas: 0, paragraphs: 0, images: 0, own: 0, l1: 0, l2: 0, l3: 0, l4: 0, l5: 0, votes: 0 };
  let blockText = 0;
  let blockCommas = 0;
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) {
      const trimmed = (node as Text).data.trim();
      if (trimmed) {
        stats.text += trimmed.length;
        if (trimmed.indexOf(',') !== -1 || /[\u060C\uFF0C\u3001]/.test(trimmed)) stats.commas += trimmed.match(COMMAS)?.length ?? 0;
      }
    } else if (node.nodeType === 1) {
      const child = node as Element;
      const name = child.localName;
      if (name === 'img') {
        stats.images++;
        continue;
      }
      if (ctx.unlikely.has(child)) continue;
      const s = measure(child, ctx);
      if (ctx.doubtful.has(child)) {
        if (!readsLikeArticle(s)) {
          ctx.unlikely.add(child);
          continue;
        }
      }
      stats.text += s.text;
      stats.link += name === 'a' ? s.text : s.link;
      stats.commas += s.commas;
      stats.paragraphs += s.paragraphs;
      stats.images += s.images;
      stats.l1 += s.own;
      stats.l2 += s.l1;
      stats.l3 += s.l2;
      stats.l4 += s.l3;
      stats.l5 += s.l4;
      if (BLOCKS.has(name)) {
        blockText += s.text;
        blockCommas += s.commas;
      }
    }
  }
  const name = el.localName;
  let own = 0;
  let commas = 0;
  const isParagraph = PARAGRAPHS.has(name);
  if (isParagraph) {
    own = stats.text;
    commas = stats.commas;
  } else if (name === 'div' || name === 'section' || name === 'article' || name === 'span' || name === 'font' || name === 'center' || name === 'main') {
    // Text of its own beside its blocks: a paragraph without a <p> (Readability rewrites such
    // divs as paragraphs; we count them as such).
    own = stats.text - blockText;
    commas = stats.commas - blockCommas;
  }
  if (own >= 25) {
    stats.paragraphs++;
    // Links do not make a paragraph: a list of headlines votes little.
    const linkShare = Math.min(1, stats.link / Math.max(stats.text, 1));
    const vote = (1 + commas + Math.min(Math.floor(own / 100), 3)) * (name === 'li' || name === 'td' ? 0.5 : 1) * (1 - linkShare * 0.9);
    if (isParagraph) {
      stats.own = vote;
    } else {
      // The element holds the paragraph itself: it is the paragraph's parent as well.
      stats.own = vote;
      stats.votes += vote;
    }
  }
  stats.votes += stats.l1 + stats.l2 / 2 + stats.l3 / 6 + stats.l4 / 9 + stats.l5 / 12;
  ctx.stats.set(el, stats);
  return stats;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
    case 'section':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function finalScore(el: Element, s: Stats): number {
  const density = s.text ? s.link / s.text : 0;
  return (s.votes + tagWeight(el.localName) + classWeight(el)) * (1 - density);
}

function score(el: Element, ctx: Context): number {
  const s = ctx.stats.get(el);
  return s && s.votes > 0 ? finalScore(el, s) : 0;
}

/** Pass 3: the best container, moved up when the competition says the article is wider. */
function topCandidate(body: Element, ctx: Context): Element {
  const top: Array<{ el: Element; score: number }> = [];
  for (const [el, s] of ctx.stats) {
    if (s.votes <= 0 || el === body) continue;
    const value = finalScore(el, s);
    if (top.length < 5 || value > top[top.length - 1]!.score) {
      top.push({ el, score: value });
      top.sort((a, b) => b.score - a.score);
      if (top.length > 5) top.pop();
    }
  }
  if (top.length === 0) return body;
  let best = top[0]!.el;
  const bestScore = top[0]!.score;
  // Several strong candidates under one ancestor: the article is that ancestor.
  const alternatives = top.slice(1).filter((c) => c.score / bestScore >= 0.75).map((c) => c.el);
  if (alternatives.length >= 2) {
    for (let parent = best.parentElement; parent && parent !== body; parent = parent.parentElement) {
      let containing = 0;
      for (const alt of alternatives) if (parent.contains(alt)) containing++;
      if (containing >= 3 || (containing >= 2 && alternatives.length === 2)) {
        best = parent;
        break;
      }
    }
  }
  // A parent that scores better than its best child holds more of the article.
  let last = score(best, ctx);
  const threshold = last / 3;
  for (let parent = best.parentElement; parent && parent !== body; parent = parent.parentElement) {
    const s = score(parent, ctx);
    if (!s) continue;
    if (s < threshold) break;
    if (s > last) {
      best = parent;
      break;
    }
    last = s;
  }
  // An only child says nothing: its parent is the container.
  while (best.parentElement && best.parentElement !== body && best.parentElement.children.length === 1) best = best.parentElement;
  return best;
}

function wrap(doc: Document, el: Element): Element {
  const article = doc.createElement('div');
  article.appendChild(el);
  return article;
}

/** Pass 4: the container and those of its siblings that read like more of the article. */
function gatherArticle(doc: Document, best: Element, ctx: Context): Element {
  const article = doc.createElement('div');
  const parent = best.parentElement;
  if (!parent || best.localName === 'body') {
    for (let n = best.firstChild; n; ) {
      const next = n.nextSibling;
      article.appendChild(n);
      n = next;
    }
    return article;
  }
  const bestScore = score(best, ctx);
  const threshold = Math.max(10, bestScore * 0.2);
  const bestClass = attrOf(best, 'class') ?? '';
  const siblings: Element[] = [];
  for (let sib = parent.firstElementChild; sib; sib = sib.nextElementSibling) {
    if (sib === best) {
      siblings.push(sib);
      continue;
    }
    if (ctx.unlikely.has(sib)) continue;
    const s = ctx.stats.get(sib);
    if (!s) continue;
    let bonus = 0;
    if (bestClass && attrOf(sib, 'class') === bestClass) bonus = bestScore * 0.2;
    if (score(sib, ctx) + bonus >= threshold) {
      siblings.push(sib);
    } else if (s.paragraphs >= 2 && s.text >= 250 && s.link < s.text * 0.2 && classWeight(sib) >= 0) {
      // Prose too deep for its votes to reach this level (sections wrapped in layout divs).
      siblings.push(sib);
    } else if (sib.localName === 'p' || (sib.localName === 'div' && s.paragraphs === 1 && sib.children.length === 0)) {
      const density = s.text ? s.link / s.text : 0;
      if ((s.text > 80 && density < 0.25) || (s.text > 0 && s.text <= 80 && density === 0 && /[.!?。]\s*["”’»)]?\s*$/.test(sib.textContent ?? ''))) siblings.push(sib);
    }
  }
  for (const sib of siblings) article.appendChild(sib);
  return article;
}

// ---------------------------------------------------------------------------------------------
// Cleaning inside the article

function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function linkText(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) n += fold(a.textContent ?? '').length;
  return n;
}

/** Containers removed by their class or id, unless they hold most of the article. */
function removeJunkContainers(root: Element, total: number, ctx: Context): void {
  let node = root.firstElementChild;
  while (node) {
    const next = node.nextElementSibling;
    const name = node.localName;
    const s = classAndId(node);
    const stats = ctx.stats.get(node);
    const text = stats?.text ?? 0;
    if (
      ctx.unlikely.has(node) ||
      (s && ARTICLE_JUNK.test(s) && !(CAPTION.test(s) && !/\b(?:credit|copyright)\b/.test(s)) && name !== 'p' &&
        (text < total * 0.3 || (stats !== undefined && stats.link > text * 0.5)))
    ) {
      node.remove();
    } else if (name === 'form' && (stats?.paragraphs ?? 0) < 3) {
      node.remove();
    } else {
      removeJunkContainers(node, total, ctx);
    }
    node = next;
  }
}

interface Counts {
  text: number;
  link: number;
  commas: number;
  paragraphs: number;
  images: number;
  items: number;
  embeds: number;
  /** th, thead and caption elements: the marks of a data table. */
  headers: number;
}

const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'table', 'dl']);

/**
 * Readability's conditional cleaning, in one bottom-up walk: lists, tables and divs that read
 * like furniture (mostly links, images without text, too little text) are removed, each judged
 * on what is left of its children.
 */
function cleanConditionally(el: Element, ctx: Context, inFigure: boolean, isRoot: boolean): Counts | null {
  const c: Counts = { text: 0, link: 0, commas: 0, paragraphs: 0, images: 0, items: 0, embeds: 0, headers: 0 };
  for (let node = el.firstChild; node; ) {
    const next = node.nextSibling;
    if (node.nodeType === 3) {
      const t = (node as Text).data.trim();
      if (t) {
        c.text += t.length;
        if (t.indexOf(',') !== -1) c.commas += t.match(COMMAS)?.length ?? 0;
      }
    } else if (node.nodeType === 1) {
      const child = node as Element;
      const name = child.localName;
      const sub = cleanConditionally(child, ctx, inFigure || name === 'figure', false);
      if (sub) {
        c.text += sub.text;
        c.link += name === 'a' ? sub.text : sub.link;
        c.commas += sub.commas;
        c.paragraphs += sub.paragraphs + (name === 'p' ? 1 : 0);
        c.images += sub.images + (name === 'img' ? 1 : 0);
        c.items += sub.items + (name === 'li' ? 1 : 0);
        c.embeds += sub.embeds + (name === 'iframe' || name === 'video' ? 1 : 0);
        c.headers += sub.headers + (name === 'th' || name === 'thead' || name === 'caption' ? 1 : 0);
      }
    }
    node = next;
  }
  const name = el.localName;
  if (isRoot || !CONDITIONAL.has(name) || c.commas >= 10) return c;
  if (name === 'table' && c.headers > 0) return c; // a data table
  const weight = classWeight(el);
  const isList = name === 'ul' || name === 'ol' || name === 'dl';
  const length = c.text;
  const density = length ? c.link / length : 0;
  const votes = ctx.stats.get(el)?.votes ?? 0;
  const remove =
    (weight + votes < 0 && length < 200) ||
    (c.images > 1 && c.paragraphs / c.images < 0.5 && !inFigure && length < 200) ||
    (!isList && length < 25 && c.images === 0 && c.embeds === 0) ||
    (!isList && weight < 25 && density > 0.2 && length < 1000 && c.paragraphs < 4) ||
    (isList && density > 0.6 && length < 2000) ||
    (weight >= 25 && density > 0.5) ||
    (c.embeds > 1 && length < 200);
  if (!remove) return c;
  el.remove();
  return null;
}

/** Blocks without block children: the lines a reader sees. */
function leafBlocks(root: Element, out: Element[]): void {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) {
    const name = el.localName;
    if (name === 'figure' || name === 'table' || name === 'pre') {
      out.push(el);
      continue;
    }
    let hasBlock = false;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (BLOCKS.has(c.localName)) {
        hasBlock = true;
        break;
      }
    }
    if (hasBlock) leafBlocks(el, out);
    else if (BLOCKS.has(name) || name === 'span' || name === 'a' || name === 'strong' || name === 'em' || name === 'b' || name === 'i') out.push(el);
  }
}

export interface CleanedArticle {
  root: Element;
  /** The href of a donation/support appeal found (and removed) inside the body. */
  supportHref: string | null;
}

function normalisedTitle(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function isTitleHeading(text: string, title: string | null): boolean {
  if (!title) return false;
  const a = normalisedTitle(text);
  const b = normalisedTitle(title);
  return a.length > 0 && (a === b || (a.length > 15 && (b.includes(a) || a.includes(b))));
}

/** Pass 5: boilerplate lines inside the body, read by their words. */
function removeBoilerplateLines(root: Element, title: string | null): string | null {
  const blocks: Element[] = [];
  leafBlocks(root, blocks);
  let supportHref: string | null = null;
  const n = blocks.length;
  let seenText = false;
  for (let i = 0; i < n; i++) {
    const el = blocks[i]!;
    if (!el.parentNode) continue;
    const name = el.localName;
    if (name === 'figure' || name === 'table' || name === 'pre') {
      continue;
    }
    const text = fold(el.textContent ?? '');
    if (!text) {
      if (!el.querySelector('img, iframe, video, picture')) el.remove();
      continue;
    }
    const length = text.length;
    const heading = /^h[1-6]$/.test(name);
    if (heading && (name === 'h1' || isTitleHeading(text, title)) && (!seenText || isTitleHeading(text, title))) {
      el.remove();
      continue;
    }
    if (el.closest('figcaption') || CAPTION.test(classAndId(el))) {
      if (CREDIT_LINE.test(text)) el.remove();
      continue;
    }
    const nearStart = !seenText;
    const nearEnd = i >= n - 6;
    let drop = false;
    if (length <= 300) {
      const related = RELATED_LINE.exec(text);
      if (related) {
        const rest = text.slice(related[0].length).trim();
        const links = linkText(el);
        // "See also <headline link>", "READ MORE: <link>", or the bare label of a link list.
        if (!rest || links >= rest.length * 0.5 || (length < 120 && !/[.!?]["”’]?$/.test(rest))) drop = true;
      }
      if (!drop && AD_MARKER.test(text)) drop = true;
      if (!drop && length <= 250 && CALL_TO_ACTION.test(text)) {
        drop = true;
        if (/\b(?:support|donat|patron|contribut|member|coffee|chip in)/i.test(text)) {
          const a = el.querySelector('a[href]');
          if (a && !supportHref) supportHref = attrOf(a, 'href');
        }
      }
      if (!drop && length <= 120 && (isDateLine(text) || STAMP_LINE.test(text))) drop = true;
      if (!drop && length <= 140 && CREDIT_LINE.test(text)) drop = true;
      if (!drop && nearStart && length <= 100 && BYLINE_LINE.test(text)) drop = true;
      if (!drop && !heading && length < 160) {
        const density = linkText(el) / length;
        // A line that is one link: a teaser for another story.
        if (density >= 0.8 && (name !== 'li' || el.parentElement?.children.length === 1)) drop = true;
      }
    }
    if (!drop && nearEnd && length <= 400 && (CONTRIBUTOR_LINE.test(text) || AUTHOR_BIO.test(text))) drop = true;
    if (drop) el.remove();
    else if (!heading) seenText = true;
  }
  return supportHref;
}

/** Marks captions so the plain text can leave them out (the HTML keeps them with their figure). */
function markCaptions(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('[class], [id]'))) {
    if (el.localName !== 'figcaption' && CAPTION.test(classAndId(el)) && (el.textContent ?? '').length < 600) el.setAttribute('data-caption', '');
  }
}

export interface ContentOptions {
  title: string | null;
  rule: SiteRule | null;
  /** Keep containers that look unlikely by their class or id (the second attempt on a page). */
  relaxed?: boolean;
}

function extractOnce(doc: Document, body: Element, options: ContentOptions, relaxed: boolean): CleanedArticle {
  const ctx: Context = { stats: new Map(), unlikely: new Set(), doubtful: new Set() };
  if (options.rule?.remove) for (const selector of options.rule.remove) for (const el of Array.from(body.querySelectorAll(selector))) el.remove();
  prune(body, ctx, relaxed);
  const ruleRoot = options.rule?.content ? body.querySelector(options.rule.content) : null;
  measure(body, ctx);
  const best = ruleRoot ?? topCandidate(body, ctx);
  const article = ruleRoot ? wrap(doc, ruleRoot) : gatherArticle(doc, best, ctx);
  const total = ctx.stats.get(best)?.text ?? 0;
  removeJunkContainers(article, total, ctx);
  cleanConditionally(article, ctx, false, true);
  const supportHref = removeBoilerplateLines(article, options.title);
  markCaptions(article);
  return { root: article, supportHref };
}

/** The cleaned article body (an element outside the document tree), or null when the page has none. */
export function extractContent(doc: Document, options: ContentOptions): CleanedArticle | null {
  const body = bodyOf(doc);
  if (!body) return null;
  return extractOnce(doc, body, options, options.relaxed === true);
}
