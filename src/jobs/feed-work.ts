// The poll's pure, per-article work: reading a fetched feed (decode, parse, each entry's
// canonical URL) and making articles of its new entries (the text of summaries, the section,
// and the stories stage's reading of the text: prepareText). In the all-in-one it runs on a
// worker thread, so that the main thread keeps to what must be in one place — fetching,
// storing, clustering, serving — and the second core takes a share of every article
// (docs/decisions/0020-feed-work-threads.md).
//
// Two steps, because between them the poll asks the store which entries it already holds:
// a feed repeats most of its items from one poll to the next, and only new ones are made
// into articles. The parsed feed stays with the reader between the steps (under a number),
// so that only the entries' keys and the finished articles cross between threads: copying
// a message costs the sending and the receiving thread alike, about as much per entry as
// reading it.
import { decodeBody } from '../fetch/charset.js';
import { isParseError, parseFeedText } from '../feeds/parse.js';
import type { Entry, NewArticle, Section, Source } from '../model.js';
import { prepareText } from '../stories/article-text.js';
import { articleFromEntry } from '../stories/identity.js';
import { canonicalizeUrl } from '../text/url.js';
import { WorkerPool } from './worker-pool.js';

/** A fetched feed, read; or why it could not be. */
export type FeedReading =
  | {
      ok: true;
      /** Names the parsed entries, kept by the reader for `build` (or `forget`). */
      reading: number;
      /** The site's address as the feed gives it. */
      link: string | null;
      ttlMinutes: number | null;
      /** Each entry's guid and canonical URL (null when it has no usable link), in feed order. */
      keys: Array<{ guid: string; canonicalUrl: string | null }>;
    }
  | { ok: false; error: string };

export interface BuildRequest {
  reading: number;
  /** The entries (positions in `keys`) to make into articles: those the store does not hold. */
  entries: number[];
  source: Source;
  sections: Section[];
  fetchedAt: Date;
}

/** Parsed feeds kept between `read` and `build`; a poll that never builds (it failed) is dropped after these many. */
const KEPT_READINGS = 256;

/** One thread's reader: parses feeds and keeps them until their articles are made. */
export class FeedReader {
  private readonly kept = new Map<number, { entries: Entry[]; link: string | null }>();
  private next = 0;

  read(body: Uint8Array, contentType: string | null, url: string): FeedReading {
    const { text } = decodeBody(body, contentType);
    const parsed = parseFeedText(text, url);
    if (isParseError(parsed)) return { ok: false, error: parsed.error };
    const { link, ttlMinutes, entries } = parsed.feed;
    const reading = ++this.next;
    this.kept.set(reading, { entries, link });
    if (this.kept.size > KEPT_READINGS) this.kept.delete(this.kept.keys().next().value!);
    const keys = entries.map((e) => ({ guid: e.id, canonicalUrl: e.link ? canonicalizeUrl(e.link) : null }));
    return { ok: true, reading, link, ttlMinutes, keys };
  }

  build(request: BuildRequest): NewArticle[] {
    const kept = this.kept.get(request.reading);
    if (!kept) throw new Error(`feed reading ${request.reading} is no longer kept (its thread restarted); it is read again at the next poll`);
    this.kept.delete(request.reading);
    const articles: NewArticle[] = [];
    for (const i of request.entries) {
      const entry = kept.entries[i];
      const article = entry ? articleFromEntry(entry, request.source, request.sections, request.fetchedAt, kept.link) : null;
      if (article === null) continue;
      // Read for the stories stage here, on the poll's thread, whether it decides as the
      // articles are stored (the all-in-one) or later from their rows (the worker roles).
      article.prepared = prepareText(article);
      articles.push(article);
    }
    return articles;
  }

  forget(reading: number): void {
    this.kept.delete(reading);
  }
}

/** Where the poll has this work done: on its own thread, or on a worker thread. */
export interface FeedWork {
  read(body: Uint8Array, contentType: string | null, url: string): Promise<FeedReading>;
  build(request: BuildRequest): Promise<NewArticle[]>;
  /** The reading's articles are not wanted (none is new). */
  forget(reading: number): void;
  close(): Promise<void>;
}

/** On the caller's thread (tests, the CLI's one-off polls, and `threads: 0`). */
export function inlineFeedWork(): FeedWork {
  const reader = new FeedReader();
  return {
    read: async (body, contentType, url) => reader.read(body, contentType, url),
    build: async (request) => reader.build(request),
    forget: (reading) => reader.forget(reading),
    close: async () => undefined,
  };
}

export type FeedTask =
  | { kind: 'read'; body: Uint8Array; contentType: string | null; url: string }
  | ({ kind: 'build' } & BuildRequest)
  | { kind: 'forget'; reading: number };

/** On `threads` worker threads (src/jobs/feed-worker.ts); with 0, inline. */
export function feedWork(threads: number): FeedWork {
  if (threads <= 0) return inlineFeedWork();
  // Four tasks a worker: it reads the next feed while the main thread takes its last result.
  const pool = new WorkerPool<FeedTask, FeedReading | NewArticle[] | null>(new URL('./feed-worker.js', import.meta.url), threads, 4);
  // A reading is built on the thread that keeps it: its number there, and the thread's.
  const threadOf = new Map<number, { thread: number; local: number }>();
  let next = 0;
  return {
    async read(body, contentType, url) {
      // Handed over, not copied; a body that shares its memory (a view into a larger buffer) is copied first.
      const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer ? body : new Uint8Array(body);
      const { value, slot } = await pool.runPlaced({ kind: 'read', body: own, contentType, url }, [own.buffer as ArrayBuffer]);
      const reading = value as FeedReading;
      if (!reading.ok) return reading;
      const global = ++next;
      threadOf.set(global, { thread: slot, local: reading.reading });
      return { ...reading, reading: global };
    },
    build(request) {
      const place = threadOf.get(request.reading);
      threadOf.delete(request.reading);
      if (!place) return Promise.reject(new Error(`unknown feed reading ${request.reading}`));
      return pool.runOn(place.thread, { kind: 'build', ...request, reading: place.local }) as Promise<NewArticle[]>;
    },
    forget(reading) {
      const place = threadOf.get(reading);
      threadOf.delete(reading);
      if (place) void pool.runOn(place.thread, { kind: 'forget', reading: place.local }).catch(() => undefined);
    },
    close: () => pool.close(),
  };
}
