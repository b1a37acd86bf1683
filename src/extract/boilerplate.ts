// What page furniture looks like, as data: class/id words that mark boilerplate containers,
// and the text of boilerplate lines that publishers inject inside the article body. These are
// general patterns seen across many sites (site-specific knowledge is in site-rules.ts).

// The class/id patterns below are matched against classWords(): class and id lower-cased,
// camelCase split, every run of other characters one space (" page builder page row "), so
// a word boundary is a real one and "pageRow" is not "pager".

/** The class and id of an element as words, for the patterns below. */
export function classWords(cls: string | null, id: string | null): string {
  const raw = cls && id ? `${cls} ${id}` : cls ?? id ?? '';
  if (!raw) return '';
  return ` ${raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** Containers that are never the article, whatever they hold. */
export const UNLIKELY =
  /\b(?:ad|ads|advert|advertisement|banner|breadcrumbs?|comments?|disqus|footer|gdpr|menu|related|replies|respond|shoutbox|skyscraper|social|sponsor(?:ed)?|agegate|ad break|pagination|pager|popup|newsletter|subscribe|sign ?up|cookies?|consent|modal|overlay|share|sharing|sharedaddy|outbrain|taboola|recirc|trending|most ?popular|most ?read|read ?next|up ?next|promo|nav ?bar|navigation|masthead|tool ?bar|site ?header|site ?footer|page ?header|page ?footer|skip ?link|author ?bio|about ?the ?author|byline|tags|tag ?list|jp relatedposts|wpcnt|donate|donation|support ?us|appeal|ticker|alert ?bar|lightbox)\b/;

/**
 * Containers that are usually not the article but sometimes wrap it ("sticky-sidebar"
 * layouts, page-builder "widgets"): set aside unless their content reads like the article.
 */
export const UNLIKELY_WEAK =
  /\b(?:ai2html|combx|community|cover wrap|extra|legends|remark|rss|side ?bar|supplemental|yom remote|widgets?|post ?meta|entry ?meta|article ?meta|dateline|timestamp|categories|keywords|print ?only|visually ?hidden|screen ?reader|sr only|video ?(?:player|wrapper|container)|media ?(?:playback|player)|carousel ?(?:nav|controls)|slick|swiper (?:button|pagination))\b/;

/** Words that rescue a container from UNLIKELY: it may be the article itself. */
export const MAYBE_CANDIDATE = /\b(?:and|article|body|column|content|main|shadow|story|entry|post ?text|text)\b/;

/** Class/id words that raise or lower a candidate's score (Readability's weights). */
export const POSITIVE = /\b(?:article|body|content|entry|hentry|h entry|main|page|post|text|blog|story|prose|rich ?text)\b/;
export const NEGATIVE =
  /\b(?:ad|ads|hidden|hid|banner|combx|comments?|com|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|side ?bar|skyscraper|sponsor(?:ed)?|shopping|tags|widgets?|byline|author|caption|credit|newsletter|subscribe|recommend(?:ed|ations?)?|teaser|more|read ?more|nav)\b/;

/** Inside the chosen article: containers to drop. */
export const ARTICLE_JUNK =
  /\b(?:share|sharing|social|sharedaddy|jp relatedposts|related|recirc|read ?more|more ?(?:stories|articles|news|from|like ?this)|newsletter|subscribe|subscription|sign ?up|donate|donation|support ?us|appeal|membership|promo|advert|advertisement|advertising|ad ?(?:slot|unit|container|wrapper|block|box|label|marker)|ad|ads|adsbygoogle|dfp|outbrain|taboola|comments?|comment ?form|respond|disqus|tags|tag ?list|post ?tags|entry ?tags|categories|byline|bylines|author ?(?:bio|box|info|card)|about ?(?:the ?)?author|post ?meta|entry ?meta|article ?meta|meta ?data|timestamp|published ?date|print|tool ?bar|breadcrumbs?|pagination|pager|nav|navigation|inline ?(?:related|promo|newsletter)|see ?also|also ?read|trending|popular|most ?read|recommend(?:ed|ations?)?|teaser|credit|copyright|disclaimer|side ?bar|widgets?|hidden|visually ?hidden|sr only|screen ?reader|standfirst|dek|strapline|kicker|eyebrow|video ?(?:player|wrapper|container)|media ?(?:playback|player)|audio ?player|embed ?(?:video|container)|enlarge|zoom|expand|gallery ?(?:nav|count|counter|controls)|slide ?count|image ?count|headline|article ?title|entry ?title|post ?title|page ?title|title ?wrapper)\b/;

/** Captions of figures: kept in the HTML with their figure, left out of the plain text. */
export const CAPTION = /\b(?:caption|wp caption text|figcaption|image ?(?:text|desc|description)|photo ?(?:text|desc|description)|img ?desc|media ?caption|inline ?caption)\b/;

// Line patterns. They run on every short block of every article, so they avoid what makes
// V8's regular expressions slow: no case-insensitive Unicode (`iu`) on the big ones, no
// nested quantifiers. LETTER stands for a letter of any Latin, Greek or Cyrillic alphabet.
const LETTER = 'A-Za-z\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const WORDS = `[${LETTER}0-9 .'&’-]{1,40}`;

/**
 * Words that start an injected "related" line: "See also", "Read also:", "READ MORE:",
 * "Related: …". Generic words ("More", "Watch", "Latest") count only with a colon or a dash
 * after them, so "More than 600,000 people…" is not one.
 */
export const RELATED_LINE = new RegExp(
  '^\\s*(?:' +
    [
      `(?:see also|read also|also read|read more|more reading|further reading|related(?: (?:articles?|stories|coverage|content|reading|news|posts?|links?|videos?))?|recommended(?: reading| for you| stories)?|see more|watch more|more stories|more news|you may also like|you might also like|you may be interested in|don[’']t miss|do not miss|must read|also see|also on ${WORDS}|lea también|lee también|leia também|veja também|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|auch interessant|leggi anche|czytaj też|читайте также|смотрите также|читайте також)(?:\\s*[:：\\-–—|»>]+\\s*|\\s+)`,
      `(?:more|watch|listen|latest|popular|trending|top stories|most read|read next|up next|next up|more from ${WORDS}|more on ${WORDS})\\s*[:：\\-–—|»>]+\\s*`,
    ].join('|') +
    ')',
  'i',
);

/** A line that is only an advertisement marker. */
export const AD_MARKER =
  /^[\s\-–—_*·•|[\]()]*(?:advertisement|advertising|advert|ad|ads|sponsored(?: content)?|paid content|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|广告|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading (?:below|the (?:main )?story)|scroll (?:down )?to continue(?: reading)?|content continues below|the story continues below|skip advert(?:isement)?|close ad|report (?:this )?ad)[\s\-–—_*·•|[\]()]*$/i;

/**
 * Short blocks that are calls to action, not article text: newsletter sign-ups, app and
 * subscription pushes, donation appeals, share prompts, comment-form labels and messages.
 */
export const CALL_TO_ACTION = new RegExp(
  [
    '\\b(?:sign up|signup|subscribe|register)\\b.{0,60}\\b(?:newsletters?|alerts|inbox|briefing|digest|mailing list|email updates)\\b',
    '\\bnewsletters?\\b.{0,60}\\b(?:sign up|subscribe|inbox|delivered)',
    '\\b(?:get|receive) (?:our |the )?(?:breaking news |daily |free |latest )*(?:alerts|newsletters?)\\b',
    '\\bdelivered (?:to your inbox|weekday mornings|every (?:day|morning|week)|daily)',
    '\\b(?:let our news meet your inbox|stay (?:informed|up to date|in the know) with)',
    '\\bclick here to (?:subscribe|sign up|get|download|join|follow|read|watch|see)',
    `\\b(?:download|get) (?:the|our) [${LETTER}0-9 ]{1,30} app\\b`,
    '\\bfollow us on (?:twitter|facebook|instagram|linkedin|telegram|google news)',
    '^(?:share (?:this|on)|share via|tweet this|pin it|email this|print this|copy link)\\b',
    '\\b(?:support (?:us|our (?:work|journalism|reporting|newsroom))|donate|make a (?:one-time )?(?:donation|contribution)|one-time donation|become a (?:patron|member|supporter|subscriber)|chip in|buy (?:us|me) a coffee|support independent journalism)\\b',
    '\\bplease (?:enter|provide) your (?:comment|name|email)',
    '\\byou have entered an incorrect email',
    '^(?:leave a (?:comment|reply)|post a comment|add a comment|join the (?:discussion|conversation)|view comments|show comments|\\d+ comments?)\\b',
    '\\bsave my name, email,? and website\\b',
    '\\byour email address will not be published\\b',
    '\\b(?:log ?in|sign in) to (?:comment|reply|continue)',
    '\\bthis (?:article|story|post|content) is (?:for|available to) (?:subscribers|members)',
    '\\b(?:already a subscriber|subscribe now|subscribe today|start your (?:free )?trial|unlock (?:this|unlimited))',
    '\\bjoin (?:nrplus|our community|us on|the club)\\b',
    '\\bif you (?:enjoyed|liked|value) (?:this|our) (?:article|story|journalism|reporting|content)',
    '\\b(?:media playback is unsupported|your browser does not support|video (?:unavailable|not supported))',
    '\\ball rights reserved\\b',
    '^\\s*(?:copyright|©|\\(c\\))\\s*(?:©\\s*)?\\d{4}',
    '\\bthis (?:document|material|article) (?:is subject to copyright|may not be (?:published|reproduced))',
    '\\bmay earn (?:an? )?(?:affiliate )?commission\\b',
  ].join('|'),
  'i',
);

const MONTH =
  'jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?|sep(?:t(?:ember)?|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?|' +
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
  'janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|' +
  'januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre';
const WEEKDAY = `(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\\.?|[${LETTER}]+-feira|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag`;
const STAMP_WORD = 'published|updated|posted|last updated|last modified|modified|created|first published|originally published|publié|mis à jour|actualizado|publicado|atualizado|aktualisiert|veröffentlicht|pubblicato|aggiornato|date';

const DATE_WORD = new RegExp(
  `^(?:${WEEKDAY}|${MONTH}|\\d{1,4}(?:st|nd|rd|th)?|\\d{1,2}[:h]\\d{2}(?::\\d{2})?(?:[ap]\\.?m\\.?)?|[ap]\\.?m\\.?|de|del|às|a las|at|on|um|à|le|the|of|et|utc|gmt|[A-Z]{2,4}|${STAMP_WORD})$`,
  'i',
);
const HAS_DATE = new RegExp(`\\b(?:${MONTH})\\b|\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{1,2}:\\d{2}|\\b(?:19|20)\\d{2}\\b`, 'i');

/**
 * A block that is only a time stamp: "PUBLISHED: 10:48, Tue, Nov 19, 2019", "Nov. 20, 2019,
 * 9:28 AM UTC", "sexta-feira, 22 de outubro de 2010 às 20:13", "Updated 8:21 am ET": every
 * word a date word, and a month name, a numeric date or a clock time among them ("Meal 1" is
 * no date).
 */
export function isDateLine(text: string): boolean {
  if (text.length > 120 || !HAS_DATE.test(text)) return false;
  const words = text.split(/[\s,/|•·()\-–—]+|\.(?=\s|$)/);
  let n = 0;
  for (const word of words) {
    if (!word) continue;
    const w = word.replace(/[.:]+$/, '');
    if (!w) continue;
    if (!DATE_WORD.test(w) && !/^\d{1,4}(?:[./-]\d{1,4}){1,2}$/.test(w)) return false;
    n++;
  }
  return n > 0;
}

/** "Published …"/"Updated …" followed by a date: a time stamp line even with more after it. */
export const STAMP_LINE = new RegExp(`^\\s*(?:${STAMP_WORD})(?: on| at)?\\s*[:\\-–—]?\\s*(?:[${LETTER}]+\\.?,?\\s+)?\\d`, 'i');

/** A credit line standing alone: "(Image: GETTY)", "Photo: AP", "Credit: NASA", "Getty Images". */
export const CREDIT_LINE = new RegExp(
  `^\\s*[([]?\\s*(?:(?:image|photo|picture|photograph|foto|video|credit|credits|source|illustration|graphic|pic|fotos|bild|photo credit|image credit|image source)\\s*(?:by\\s*)?[:©|]\\s*.{1,80}|©\\s*.{1,80}|.{0,60}\\b(?:getty images|afp|reuters|associated press|ap photo|shutterstock|istock(?:photo)?|epa|alamy|picture alliance|dpa)(?:\\s+via\\s+.{1,40})?)\\s*[)\\]]?\\s*$`,
  'i',
);

const NAME = "[A-Z\\u00C0-\\u00DE][A-Za-z\\u00C0-\\u024F.'’-]*";
const NAMES = `${NAME}(?:\\s+${NAME}){0,4}`;

/** Trailing lines about who wrote or helped: "(Reporting by …; Editing by …)", "X contributed to this report." */
export const CONTRIBUTOR_LINE = new RegExp(
  '^\\s*\\(?\\s*(?:' +
    [
      '(?:additional )?reporting by\\b.{0,200}',
      'editing by\\b.{0,120}',
      'writing by\\b.{0,120}',
      'compiled by\\b.{0,120}',
      `${NAMES}(?:,? (?:and|&) ${NAMES})* (?:also )?contributed (?:to )?(?:this )?(?:report|reporting|story|article)\\b.{0,80}`,
      `.{0,40}\\bcontributed to this (?:report|story)\\b.{0,40}`,
      'write to .{2,60} at \\S+@\\S+',
      'follow (?:him|her|them|me|us|@)\\b.{0,120}',
      '(?:he|she|they) can be reached at\\b.{0,120}',
      'contact (?:him|her|them|the author) at\\b.{0,120}',
    ].join('|') +
    ')\\s*\\)?\\s*$',
  'i',
);

/** A one-sentence author biography: "Phil Helsel is a reporter for NBC News." (case matters: a name starts it). */
export const AUTHOR_BIO = new RegExp(
  `^\\s*${NAME}(?:\\s+${NAME}){0,3}\\s+(?:is|was|has been|joined|covers)\\b.{0,200}\\b(?:reporter|writer|editor|correspondent|journalist|contributor|columnist|producer|intern|author|curator|blogger|analyst|anchor|host|freelancer|staff|editorial|newsroom|magazine|news(?:paper)?|since joining)\\b.{0,300}$`,
);

/** A byline standing alone at the top of the body: "By Jane Doe and John Roe". */
export const BYLINE_LINE = new RegExp(`^\\s*(?:[Bb]y|BY|[Pp]or|[Pp]ar|[Vv]on|[Dd]i|[Dd]oor)\\s+${NAME}(?:[\\s,]+(?:and\\s+|&\\s+)?${NAME}){0,8}(?:\\s*[|,•·-]\\s*.{0,60})?$`);
