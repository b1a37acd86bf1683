// The JSON schemas of the API: Fastify validates parameters and serializes responses with
// them, and the OpenAPI document (openapi.ts) is generated from these same objects. Kept to
// the part of JSON Schema that draft-07 (Fastify's Ajv) and 2020-12 (OpenAPI 3.1) share.

export type JsonSchema = { [keyword: string]: unknown };

const string = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const nullableString = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: ['string', 'null'], description, ...extra });
const integer = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', description, ...extra });
const nullableInteger = (description: string): JsonSchema => ({ type: ['integer', 'null'], description });
const dateTime = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const nullableDateTime = (description: string): JsonSchema => ({ type: ['string', 'null'], format: 'date-time', description });
const object = (description: string, properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const arrayOf = (items: JsonSchema, description: string): JsonSchema => ({ type: 'array', description, items });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

export const MAX_ID = Number.MAX_SAFE_INTEGER;
export const SLUG_PATTERN = '^[a-z0-9-]{1,60}$';
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]{1,100}$';

export const SectionSchema = object('A section of the site.', {
  slug: string('Identifier, as in /section/{slug}.'),
  name: string('Name shown in the navigation.'),
  url: string('Our section page.', { format: 'uri' }),
});

export const OutletSchema = object('A publisher we follow (a source).', {
  id: integer('Source id.'),
  name: string('Name of the outlet.'),
  siteUrl: nullableString("The outlet's home page."),
});

export const StorySchema = object('A story: one event and all its coverage.', {
  id: integer('Story id. Stories can be merged or split by editors, so an id may stop existing.'),
  title: string("The headline: the editor's, else the consensus headline of its articles."),
  summary: nullableString('Plain text summary (from the lead article).'),
  imageUrl: nullableString('An image for the story, on the publisher\'s site.'),
  section: nullableString('Slug of its section.'),
  url: string('Our story page.', { format: 'uri' }),
  firstReportedAt: nullableDateTime('Publication time of its first article.'),
  lastReportedAt: nullableDateTime('Publication time of its latest article (the order of lists).'),
  articleCount: integer('Articles that are coverage of their own (syndicated copies not counted).'),
  outletCount: integer('Distinct outlets with coverage of their own.'),
  pinned: { type: 'boolean', description: 'Pinned to the top by an editor.' },
  firstOutlet: { ...nullable(OutletSchema), description: 'The outlet that reported it first.' },
});

export const ArticleSchema = object("An article: one publisher's item.", {
  id: integer('Article id.'),
  title: string('Headline as the publisher gave it.'),
  url: string('Our article page.', { format: 'uri' }),
  originalUrl: string("The article on the publisher's site."),
  author: nullableString('Byline.'),
  summary: nullableString('Plain text standfirst.'),
  imageUrl: nullableString("An image, on the publisher's site."),
  section: nullableString('Slug of its section.'),
  categories: arrayOf({ type: 'string' }, "The publisher's categories."),
  publishedAt: dateTime('Publication time.'),
  source: OutletSchema,
  storyId: nullableInteger('The story it belongs to.'),
  originalId: nullableInteger('On a syndicated copy: the article it republishes.'),
});

export const CitationSchema = object('An outlet cited by an article of the story ("according to Reuters").', {
  articleId: integer('The citing article.'),
  citingOutlet: string('The outlet of the citing article.'),
  outlet: string('The outlet cited, as the article names it.'),
  phrase: string('The words that cite it.'),
});

export const StoryWithCoverageSchema = object('A story with its articles and the sources they cite.', {
  ...(StorySchema.properties as Record<string, JsonSchema>),
  articles: arrayOf(ArticleSchema, 'Every article, copies included, oldest first.'),
  citations: arrayOf(CitationSchema, 'Outlets the articles cite.'),
});

export const SourceSchema = object('A feed we follow, with the health of its polling.', {
  id: integer('Source id.'),
  name: string('Name of the outlet.'),
  feedUrl: string('The feed we poll.'),
  siteUrl: nullableString("The outlet's home page."),
  section: nullableString('Slug of the section its articles go to by default.'),
  paused: { type: 'boolean', description: 'Paused by an editor: not polled.' },
  health: object('How polling the feed goes.', {
    status: { type: 'string', enum: ['ok', 'warn', 'error', 'new'], description: '"new" before the first fetch.' },
    label: string('The status in words ("failing (3 times in a row)").'),
    lastFetchAt: nullableDateTime('Last fetch.'),
    lastOutcome: { type: ['string', 'null'], enum: ['ok', 'not_modified', 'error', null], description: 'How the last fetch went.' },
    lastHttpStatus: nullableInteger('HTTP status of the last fetch.'),
    lastError: nullableString('Why the last fetch failed.'),
    consecutiveErrors: integer('Failures in a row (reset by a success).'),
    nextFetchAt: dateTime('When it is polled next.'),
  }),
  extraction: object('Article pages fetched in the last 7 days, and how many gave no article (bot walls, errors).', {
    fetched: integer('Pages fetched.'),
    failed: integer('Pages without an article.'),
  }),
});

const NEXT = nullableString('Cursor of the next page (pass it as `cursor`), or null on the last page.');

export const StoryListSchema = object('A page of stories, newest coverage first.', { items: arrayOf(StorySchema, 'Stories.'), next: NEXT });
export const ArticleListSchema = object('A page of articles, newest first.', { items: arrayOf(ArticleSchema, 'Articles.'), next: NEXT });
export const SectionListSchema = object('Every section, in navigation order.', { items: arrayOf(SectionSchema, 'Sections.') });
export const SourceListSchema = object('Every source.', { items: arrayOf(SourceSchema, 'Sources.') });

export const ErrorSchema = object('An error.', {
  error: object('What went wrong.', {
    code: { type: 'string', enum: ['bad_request', 'not_found', 'internal'], description: 'Stable, for programs.' },
    message: string('For people.'),
  }),
});

// Parameters ---------------------------------------------------------------------------

export const IdParams: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: integer('Id.', { minimum: 1, maximum: MAX_ID }) },
};

const pageParams = {
  limit: integer('Items per page.', { minimum: 1, maximum: 100, default: 20 }),
  cursor: string('The `next` of the previous page.', { pattern: CURSOR_PATTERN }),
};

export const StoriesQuery: JsonSchema = {
  type: 'object',
  properties: { ...pageParams, section: string('Only stories of this section (slug).', { pattern: SLUG_PATTERN }) },
};

export const ArticlesQuery: JsonSchema = {
  type: 'object',
  properties: {
    ...pageParams,
    section: string('Only articles of this section (slug).', { pattern: SLUG_PATTERN }),
    source: integer('Only articles of this source (id).', { minimum: 1, maximum: MAX_ID }),
  },
};

/** The schemas the OpenAPI document names under components/schemas. */
export const NAMED_SCHEMAS: Array<[string, JsonSchema]> = [
  ['Section', SectionSchema],
  ['Outlet', OutletSchema],
  ['Story', StorySchema],
  ['Article', ArticleSchema],
  ['Citation', CitationSchema],
  ['StoryWithCoverage', StoryWithCoverageSchema],
  ['Source', SourceSchema],
  ['StoryList', StoryListSchema],
  ['ArticleList', ArticleListSchema],
  ['SectionList', SectionListSchema],
  ['SourceList', SourceListSchema],
  ['Error', ErrorSchema],
];
