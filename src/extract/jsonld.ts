// Schema.org metadata from JSON-LD blocks: the article node (NewsArticle, Article,
// BlogPosting… found at the top, in arrays, in @graph or as a WebPage's mainEntity), with
// author references (@id) resolved through the graph.
import { decodeHTML } from 'entities';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface JsonLdArticle {
  headline: string | null;
  /** `name`, which some publishers fill with the headline and others (Wikipedia) with the subject. */
  name: string | null;
  authors: string[];
  /**
   * `creator` when the node has no `author`: some CMSs put the account that uploaded the
   * story there ("CC7567"), so it counts for less than a byline printed on the page.
   */
  creators: string[];
  published: string | null;
  modified: string | null;
  publisher: string | null;
  image: string | null;
  url: string | null;
  description: string | null;
  language: string | null;
  /** The schema.org type that matched, e.g. "NewsArticle". */
  type: string;
}

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'reviewnewsarticle',
  'backgroundnewsarticle', 'askpublicnewsarticle', 'blogposting', 'liveblogposting', 'socialmediaposting',
  'techarticle', 'scholarlyarticle', 'report', 'satiricalarticle', 'advertisercontentarticle', 'medicalscholarlyarticle',
]);
/** Accepted when no article node exists: pages that are still one piece of writing. */
const FALLBACK_TYPES = new Set(['webpage', 'itempage', 'creativework', 'blog', 'review', 'recipe', 'howto', 'qapage']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function types(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//i, '').toLowerCase());
}

/** Parses a block leniently: HTML comment and CDATA wrappers, control characters. */
function parseBlock(text: string): Json | undefined {
  const trimmed = text.trim().replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '');
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    try {
      // Raw newlines and tabs inside strings are the usual fault.
      return JSON.parse(trimmed.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

/** Every object node of the blocks, depth-first, through arrays, @graph and mainEntity. */
function collectNodes(value: Json | undefined, out: JsonObject[], depth = 0): void {
  if (depth > 6 || value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  out.push(value);
  collectNodes(value['@graph'], out, depth + 1);
  collectNodes(value.mainEntity, out, depth + 1);
  collectNodes(value.mainEntityOfPage, out, depth + 1);
}

function str(value: Json | undefined): string | null {
  // Publishers' plugins often write HTML character references into JSON-LD ("&#8211;").
  if (typeof value === 'string') return (value.indexOf('&') === -1 ? value : decodeHTML(value)).trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = str(item);
      if (s) return s;
    }
  }
  if (isObject(value)) return str(value['@value']);
  return null;
}

function resolve(value: Json | undefined, byId: Map<string, JsonObject>): Json | undefined {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) return byId.get(value['@id']) ?? value;
  return value;
}

/** Names of the people among the authors (organisations are the publisher, not a byline). */
function authorNames(value: Json | undefined, byId: Map<string, JsonObject>): string[] {
  const names: string[] = [];
  const list = Array.isArray(value) ? value : [value];
  for (const raw of list) {
    const item = resolve(raw, byId);
    if (typeof item === 'string') {
      const name = str(item);
      if (name) names.push(name);
    } else if (isObject(item)) {
      const t = types(item);
      if (t.includes('organization') || t.includes('newsmediaorganization')) continue;
      const name = str(item.name);
      if (name) names.push(name);
    }
  }
  return names;
}

function imageUrl(value: Json | undefined, byId: Map<string, JsonObject>): string | null {
  const item = resolve(Array.isArray(value) ? value[0] : value, byId);
  if (typeof item === 'string') return item.trim() || null;
  if (isObject(item)) return str(item.url) ?? str(item.contentUrl) ?? str(item['@id']);
  return null;
}

function urlOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (isObject(value)) return str(value['@id']) ?? str(value.url);
  return null;
}

export function readJsonLd(blocks: string[]): JsonLdArticle | null {
  const nodes: JsonObject[] = [];
  for (const block of blocks) collectNodes(parseBlock(block), nodes);
  if (nodes.length === 0) return null;
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  let article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPES.has(t)));
  article ??= nodes.find((n) => types(n).some((t) => FALLBACK_TYPES.has(t)) && (n.headline !== undefined || n.author !== undefined || n.datePublished !== undefined));
  if (!article) return null;
  const publisher = resolve(article.publisher, byId);
  return {
    headline: str(article.headline),
    name: str(article.name),
    authors: authorNames(article.author, byId),
    creators: article.author === undefined ? authorNames(article.creator, byId) : [],
    published: str(article.datePublished) ?? str(article.dateCreated),
    modified: str(article.dateModified),
    publisher: isObject(publisher) ? str(publisher.name) : typeof publisher === 'string' ? publisher : null,
    image: imageUrl(article.image ?? article.thumbnailUrl, byId),
    url: urlOf(article.url) ?? urlOf(article.mainEntityOfPage),
    description: str(article.description),
    language: str(article.inLanguage),
    type: types(article).find((t) => ARTICLE_TYPES.has(t) || FALLBACK_TYPES.has(t)) ?? 'article',
  };
}
