// Rendered public pages kept in memory, per URL: the bytes, their ETag and Last-Modified,
// and the tags of what they were made from, so a change drops exactly the pages it touches.
// Bounded by bytes, least recently used out first; every entry also expires after a short
// time, the safety net for changes nobody announced (another process, a CLI command).
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { etagOf } from '../feeds-out/conditional-get.js';

/** A place in a page made anew for each request (the comment form's token), between two cached parts. */
export interface Hole {
  make(): Promise<string>;
}

export interface PageEntry {
  key: string;
  status: number;
  contentType: string;
  cacheControl: string;
  /** The page as rendered (for a page with holes, with the holes as first filled). */
  body: Buffer;
  /** For a page with holes: the cached parts around them (parts.length = holes.length + 1). */
  parts: Buffer[] | null;
  holes: Hole[];
  etag: string;
  lastModified: string;
  tags: readonly string[];
  storedAt: number;
  /** Compressed once, on the first request that accepts the encoding (pages without holes only). */
  encoded: Map<Encoding, Buffer>;
  bytes: number;
}

export type Encoding = 'br' | 'gzip';

export interface PageCacheOptions {
  /** Memory for bodies (compressed copies included); the least recently used go first. */
  maxBytes: number;
  /** How long an entry is served at most, changes announced or not. */
  ttlMs: number;
  clock?: () => number;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  stores: number;
  invalidated: number;
  evicted: number;
  generation: number;
}

/** Bodies smaller than this are sent as they are: compressing saves less than its headers cost. */
const MIN_COMPRESS = 1024;

export class PageCache {
  private readonly entries = new Map<string, PageEntry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly clock: () => number;
  private bytes = 0;
  private counters = { hits: 0, misses: 0, stores: 0, invalidated: 0, evicted: 0 };
  /** Bumped by clear(): a render that began before it must not be stored after it. */
  private gen = 0;

  constructor(readonly options: PageCacheOptions) {
    this.clock = options.clock ?? Date.now;
  }

  get generation(): number {
    return this.gen;
  }

  /** Taken before rendering a page and given to set(): what changed since is not kept. */
  mark(): { generation: number; at: number } {
    return { generation: this.gen, at: this.clock() };
  }

  /** The live entry for a key (and it becomes the most recently used), or null. */
  get(key: string): PageEntry | null {
    const entry = this.entries.get(key);
    if (!entry) {
      this.counters.misses++;
      return null;
    }
    if (this.clock() - entry.storedAt >= this.options.ttlMs) {
      this.remove(key);
      this.counters.misses++;
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counters.hits++;
    return entry;
  }

  /**
   * Keeps a rendered page. `since` is the generation read before rendering began: when the
   * cache was cleared meanwhile, the page may show what was cleared, and is not kept. So is a
   * page whose tags were invalidated meanwhile (see `invalidate`).
   */
  set(
    key: string,
    page: { status: number; contentType: string; cacheControl: string; body: Buffer; parts?: Buffer[] | null; holes?: Hole[]; tags: string[] },
    since: { generation: number; at: number },
  ): PageEntry | null {
    if (since.generation !== this.gen) return null;
    if (page.tags.some((t) => (this.invalidatedAt.get(t) ?? -1) >= since.at)) return null;
    const bytes = page.body.length + key.length;
    if (bytes > this.options.maxBytes / 4) return null;
    this.remove(key);
    const now = this.clock();
    const entry: PageEntry = {
      key, status: page.status, contentType: page.contentType, cacheControl: page.cacheControl, body: page.body,
      parts: page.parts ?? null, holes: page.holes ?? [],
      // A page with holes differs in them on every answer, meaningfully the same: a weak validator.
      etag: page.parts ? `W/${etagOf(page.body)}` : etagOf(page.body), lastModified: new Date(now).toUTCString(),
      tags: page.tags, storedAt: now, encoded: new Map(), bytes,
    };
    this.entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.bytes += bytes;
    this.counters.stores++;
    this.evict();
    return entry;
  }

  /** The entry's body compressed with `encoding`, made once and kept with it (counted in its bytes). */
  encodedBody(entry: PageEntry, encoding: Encoding): Buffer | null {
    if (entry.parts || entry.body.length < MIN_COMPRESS) return null;
    let body = entry.encoded.get(encoding);
    if (!body) {
      // Quality 5 and level 6: most of the saving for a millisecond, once per page.
      body = encoding === 'br'
        ? brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.length } })
        : gzipSync(entry.body, { level: 6 });
      entry.encoded.set(encoding, body);
      if (this.entries.get(entry.key) === entry) {
        entry.bytes += body.length;
        this.bytes += body.length;
        this.evict();
      }
    }
    return body;
  }

  /**
   * When each tag was last invalidated (clock time), so that renders in flight are not stored
   * stale; oldest first (a tag invalidated again moves to the end), so pruning stops at the
   * first mark still young.
   */
  private readonly invalidatedAt = new Map<string, number>();

  /** Drops every page made from what these tags name. Returns how many were dropped. */
  invalidate(tags: Iterable<string>): number {
    const now = this.clock();
    let dropped = 0;
    for (const tag of tags) {
      if (tag === 'site') {
        dropped += this.clear();
        continue;
      }
      this.invalidatedAt.delete(tag);
      this.invalidatedAt.set(tag, now);
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        if (this.remove(key)) dropped++;
      }
    }
    this.counters.invalidated += dropped;
    // Marks older than any render in flight are of no use; keep the map small. Under ingest
    // thousands of stories' tags are marked a minute, so this must not read them all each time.
    for (const [tag, at] of this.invalidatedAt) {
      if (now - at <= this.options.ttlMs) break;
      this.invalidatedAt.delete(tag);
    }
    return dropped;
  }

  /** Drops everything and bumps the generation. */
  clear(): number {
    const dropped = this.entries.size;
    this.entries.clear();
    this.byTag.clear();
    this.invalidatedAt.clear();
    this.bytes = 0;
    this.gen++;
    return dropped;
  }

  stats(): PageCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, ...this.counters, generation: this.gen };
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }

  private evict(): void {
    while (this.bytes > this.options.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
      this.counters.evicted++;
    }
  }
}
