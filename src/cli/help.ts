// Help texts. Kept apart from the commands so `newsroom --help` loads nothing else.

/** The environment variables Newsroom reads (src/config.ts); `--help` lists them from here. */
export const ENVIRONMENT = {
  NEWSROOM_DB: 'SQLite database file (default ./data/newsroom.db)',
  NEWSROOM_DATABASE_URL: 'postgres://user@host:5432/db: use PostgreSQL instead of SQLite (?options=-c%20search_path%3DNAME picks a schema)',
  NEWSROOM_HOST: 'address the web server listens on (default 127.0.0.1)',
  NEWSROOM_PORT: 'port the web server listens on (default 8080)',
  NEWSROOM_SITE_NAME: 'name of the site shown to readers (default Newsroom)',
  NEWSROOM_ALLOW_LOOPBACK: 'set to 1 to let the fetcher reach 127.0.0.0/8 and ::1 (demo, tests)',
  NEWSROOM_USER_AGENT: 'User-Agent sent to publishers',
  NEWSROOM_EXTRACT_PAGES: "set to 0 to fetch no article pages (feeds that carry the full text); default 1",
  NEWSROOM_FETCH_SPACING_MS: 'minimum milliseconds between two requests to one host (default 500)',
  NEWSROOM_POLL_CONCURRENCY: 'sources fetched at once by the scheduler (default 64; each host still gets at most 2)',
  NEWSROOM_POLL_THREADS: 'worker threads that read fetched feeds and make their articles; with any, serve also decides stories on a thread of its own (default: cores - 1, 1 to 4; 0: all on the main thread)',
  NEWSROOM_INTERVAL_MINUTES: 'default polling interval of a new source (default 15)',
  NEWSROOM_RANK_GRAVITY: 'Top Stories: how fast age pulls a story down (default 1.5; docs/ranking.md)',
  NEWSROOM_RANK_VELOCITY_HOURS: 'Top Stories: window in which new outlets count as momentum (default 6)',
  NEWSROOM_RANK_VELOCITY_WEIGHT: 'Top Stories: weight of one new outlet in that window (default 0.5)',
  NEWSROOM_RANK_WINDOW_HOURS: 'Top Stories: how far back stories are considered (default 72)',
  NEWSROOM_PAGE_CACHE_MB: 'memory for rendered pages kept by the page cache, 0 turns it off (default 64; docs/performance.md)',
  NEWSROOM_PAGE_CACHE_TTL_SECONDS: 'longest a kept page is served, for changes made by other processes (default 60)',
  NEWSROOM_LOG_LEVEL: 'log level of the JSON logs: fatal, error, warn, info (default), debug, trace, silent',
  NEWSROOM_MIN_INTERVAL_MINUTES: 'shortest interval between two polls of a source, whatever the feed asks (default 1)',
  NEWSROOM_METRICS_TOKEN: 'bearer token for /metrics (16+ characters); without it /metrics answers this machine only',
  NEWSROOM_RETAIN_BODIES_DAYS: 'prune article bodies stored more than this many days ago (default: keep forever)',
  NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS: 'longest wait for in-flight work on SIGTERM/SIGINT (default 30)',
  NEWSROOM_ADMIN_PASSWORD: 'password for "admin create" and "admin password" (else asked on the terminal)',
  // The production roles (src/queue/settings.ts reads these).
  NEWSROOM_REDIS_URL: 'Redis address for the production roles (web, worker, scheduler, jobs), e.g. redis://127.0.0.1:6379',
  NEWSROOM_QUEUE_PREFIX: 'key prefix of the queues and leases in Redis (default newsroom)',
  NEWSROOM_QUEUE_LOCK_MS: "how long a dead worker's job stays locked before another runs it (default 30000)",
  NEWSROOM_LEASE_MS: 'how long a dead scheduler or stories holder keeps its lease before a standby takes over (default 10000)',
  NEWSROOM_SCHEDULE_TICK_SECONDS: 'how often the scheduler looks for due sources (default 30)',
} as const;


export const COMMANDS: Array<{ name: string; summary: string }> = [
  { name: 'serve', summary: 'start the web site and the scheduler that polls the sources' },
  { name: 'web', summary: 'production role: the web site alone, any number of them (needs NEWSROOM_REDIS_URL)' },
  { name: 'worker', summary: 'production role: fetch, extract and cluster jobs from the queues, any number (needs NEWSROOM_REDIS_URL)' },
  { name: 'scheduler', summary: 'production role: queue the due sources; one active, others stand by (needs NEWSROOM_REDIS_URL)' },
  { name: 'jobs [failed|retry|remove]', summary: "the queues' depths and the failed jobs (dead-letter list); retry or remove them" },
  { name: 'demo', summary: 'start the offline demo: fictional publishers on loopback and a site that follows them' },
  { name: 'fetch', summary: 'poll the sources that are due once (all of them with --all) and exit' },
  { name: 'sources add URL', summary: "follow a feed, or a site whose feeds are discovered from its page" },
  { name: 'sources list', summary: 'list the sources with their health: last fetch, status, last error, next fetch' },
  { name: 'sources remove ID|URL', summary: 'stop following a source and delete the articles it brought' },
  { name: 'sources import FILE.opml', summary: 'follow every feed of an OPML file' },
  { name: 'sources export', summary: 'print the sources as OPML 2.0' },
  { name: 'parse-feed [FILE|-]', summary: 'parse one feed (or a JSONL stream of them) and print it as JSON' },
  { name: 'extract [FILE|-]', summary: "extract an article page's clean text and metadata and print it as JSON (--jsonl: a stream)" },
  { name: 'reextract --source ID|--all', summary: 'apply the current extraction rules to the article pages already stored' },
  { name: 'cluster', summary: 'group a JSONL stream of articles into stories, answering line by line' },
  { name: 'stories list|show ID', summary: 'list the latest stories, or one story with its articles' },
  { name: 'stories merge A B', summary: 'merge story A into story B (kept across re-clustering)' },
  { name: 'stories split ARTICLE', summary: 'take an article out of its story into a story of its own' },
  { name: 'stories rename ID TITLE', summary: "set a story's headline (no TITLE: back to the automatic one)" },
  { name: 'stories recluster', summary: "cluster every stored article again, replaying the editors' actions" },
  { name: 'backup DEST', summary: 'copy the SQLite store to DEST while the site runs (PostgreSQL: use pg_dump)' },
  { name: 'prune [--dry-run]', summary: 'clear article bodies older than the retention setting, keeping titles, links and stories' },
  { name: 'admin create --email E', summary: 'create an admin account for /admin (password asked with echo off)' },
  { name: 'admin list|password|remove', summary: 'list admin accounts, change a password (ending its sessions), remove one' },
];

export const GLOBAL_OPTIONS = `Options for every command:
  --db FILE|URL       SQLite database file (env NEWSROOM_DB, default ./data/newsroom.db), or a
                      postgres:// address (env NEWSROOM_DATABASE_URL) for PostgreSQL
  --allow-loopback    let the fetcher reach 127.0.0.1 and ::1 (env NEWSROOM_ALLOW_LOOPBACK=1)
  -h, --help          show help (also: newsroom help COMMAND)
  -v, --version       show the version`;

export function mainHelp(environment: Record<string, string> = ENVIRONMENT): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const envWidth = Math.max(...Object.keys(environment).map((name) => name.length)) + 2;
  const env = Object.entries(environment)
    .map(([name, text]) => `  ${name.padEnd(envWidth)}${text}`)
    .join('\n');
  return `newsroom — a self-hosted news aggregator

Usage: newsroom COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}
  ${'help COMMAND'.padEnd(width)}show the options of one command

${GLOBAL_OPTIONS}

Environment:
${env}
`;
}

export const COMMAND_HELP: Record<string, string> = {
  serve: `Usage: newsroom serve [--host ADDR] [--port N] [--no-scheduler] [--db FILE]

Starts the public web site and, unless --no-scheduler is given, the scheduler that polls
each source at its own interval (default 15 minutes, stretched to what a feed asks with
<ttl> or Cache-Control, backed off after errors but never abandoned).

  --host ADDR       address to listen on (env NEWSROOM_HOST, default 127.0.0.1)
  --port N          port to listen on (env NEWSROOM_PORT, default 8080)
  --no-scheduler    serve pages only; do not poll sources

Public pages are kept in memory once rendered and dropped when what they show changes
(NEWSROOM_PAGE_CACHE_MB, NEWSROOM_PAGE_CACHE_TTL_SECONDS; docs/performance.md).

Logs JSON lines on standard output (NEWSROOM_LOG_LEVEL). Serves /healthz, /readyz and
/metrics (docs/operations.md). With NEWSROOM_RETAIN_BODIES_DAYS (or the admin's Settings) it
prunes old article bodies every hour. On SIGTERM or Ctrl-C it finishes the requests, the
fetches and the pages in flight and exits 0; what was still waiting is picked up at the next
start (at most NEWSROOM_SHUTDOWN_TIMEOUT_SECONDS, default 30, then it exits 1).`,
  web: `Usage: newsroom web [--host ADDR] [--port N] [--db FILE]

The production web role: the public site and the admin, without fetching. Run any number
behind a proxy; "newsroom worker" and "newsroom scheduler" do the work, sharing it through
Redis (NEWSROOM_REDIS_URL) and the same database. The editor's story merges, splits, renames
and re-clusterings go through the queue to the worker holding the stories stage; with no
worker running they are refused after 30 s and nothing changes. See docs/roles.md.

  --host ADDR    address to listen on (env NEWSROOM_HOST, default 127.0.0.1)
  --port N       port to listen on (env NEWSROOM_PORT, default 8080)`,
  worker: `Usage: newsroom worker [--concurrency N] [--db FILE]

The production worker role: takes "poll" jobs (fetch and parse a feed, store its new
articles) and "pages" jobs (fetch and extract an article page) from the queues in Redis
(NEWSROOM_REDIS_URL), N of each at a time (default 4). Run any number, on any machine that
reaches the database and Redis. One worker at a time also runs the stories stage (it holds
the "stories" lease; another takes over within NEWSROOM_LEASE_MS when it dies) and gives
every stored article its story. A job whose worker dies runs again elsewhere after
NEWSROOM_QUEUE_LOCK_MS; failed jobs are retried with growing pauses, then kept as failed
("newsroom jobs failed"). SIGTERM or Ctrl-C finishes the jobs in hand and leaves the rest.

  --concurrency N   jobs of each queue worked on at once (1-64, default 4)`,
  scheduler: `Usage: newsroom scheduler [--db FILE]

The production scheduler role: every NEWSROOM_SCHEDULE_TICK_SECONDS (default 30) it queues
one "poll" job per due source, and the pages of articles that have none yet. Only the
holder of the "scheduler" lease in Redis is active; start a second one as a standby: it
takes over within NEWSROOM_LEASE_MS (default 10 s) of the active one's death. Queuing a
source twice for the same due time makes one job, so a takeover never doubles a fetch.`,
  jobs: `Usage:
  newsroom jobs [--json]
  newsroom jobs failed [--json]
  newsroom jobs retry QUEUE/ID | --all
  newsroom jobs remove QUEUE/ID

(no action)  each queue (poll, pages, stories): waiting, running, retrying later
             ("delayed") and failed jobs, and how long the oldest has waited.
failed       the dead-letter list: jobs that failed their last attempt, with the error.
retry        puts a failed job (or with --all every failed job) back in its queue.
remove       deletes a failed job; it will not run.

Needs NEWSROOM_REDIS_URL (and NEWSROOM_QUEUE_PREFIX if the roles use one). The admin's
Jobs page shows and does the same.`,
  demo: `Usage: newsroom demo [--port N] [--db FILE]

Starts a small network of fictional publisher sites on loopback (each with its own feed
and article pages), then Newsroom on a fresh SQLite file pointed at them, runs a first
fetch and prints the address to open. Stop it with Ctrl-C.

  --port N     port of the Newsroom site (default 8080; the next free one if taken)
  --db FILE    database file (default: a new temporary file, removed on exit)`,
  fetch: `Usage: newsroom fetch [--all] [--db FILE]

Polls the sources whose next fetch time has come, once, prints what happened and exits.

  --all    poll every source now, due or not`,
  'parse-feed': `Usage:
  newsroom parse-feed [--url URL] [FILE|-]
  newsroom parse-feed --jsonl < feeds.jsonl

Parses a feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x) from FILE, standard input
("-", or no FILE and no --url), or, given only --url, fetched from that address; prints it as JSON
{title, link, entries: [{id, title, link, published, updated, author, summary, content,
categories, enclosures}]} with dates in ISO 8601. --url is also the address relative
links are resolved against. Exits 1 when the input is not a feed.

  --jsonl   read lines {"id", "url", "base64"} (the feed's bytes, base64) from standard
            input and write one line {"id", ...the fields above} or {"id", "error"} per
            input, as each is parsed, in one process`,
  extract: `Usage:
  newsroom extract [--url URL] [FILE|-]
  newsroom extract --jsonl < pages.jsonl

Extracts an article page (FILE, standard input, or fetched from --url when no FILE is
given) and prints JSON {url, canonicalUrl, title, byline, published, modified, siteName,
lang, description, image, supportUrl, text, html}. --url is also the page's address for
resolving links. --jsonl reads lines {"id", "url", "html"} and writes one line {"id", ...}
or {"id", "error"} per input, in one process.`,
  reextract: `Usage: newsroom reextract (--source ID | --all)

Extracts the stored article pages again with the current rules (after an upgrade or a
change to the site rules), without fetching them; articles then show the new text.`,
  cluster: `Usage: newsroom cluster [--window HOURS] < articles.jsonl

Reads JSONL lines {"id", "time", "title", "text", "source", "url", "lang"} in time order
on standard input and writes one line {"id", "story"} per input as soon as it has decided
(a bad line gets {"id", "error"}). --window is how long a story stays open (default 72).`,
  stories: `Usage:
  newsroom stories list [--json]
  newsroom stories show ID
  newsroom stories merge FROM INTO
  newsroom stories split ARTICLE_ID
  newsroom stories rename ID [TITLE]
  newsroom stories recluster

merge, split and rename are recorded against the articles involved, so a later
"stories recluster" (after better rules or settings) keeps them. With NEWSROOM_REDIS_URL
set, merge, split, rename and recluster are sent to the worker that runs the stories stage.`,
  backup: `Usage: newsroom backup DEST [--force] [--db FILE]

Copies the SQLite database to DEST with SQLite's online backup, consistent even while
"newsroom serve" is writing to it, checks the copy and only then puts it at DEST. Shows
progress on a terminal, stays quiet in a pipe.

  --force   replace DEST if it exists (otherwise the command refuses)

To restore, stop Newsroom and put the copy where --db/NEWSROOM_DB points. A PostgreSQL store
is backed up with pg_dump and restored with pg_restore (docs/operations.md).`,
  prune: `Usage: newsroom prune [--dry-run] [--days N] [--db FILE]

Clears the bodies of articles stored more than N days ago (the fetched page, its extracted
text, the feed's full content), in batches of 500 rows. Articles stay listed with their
title, link and summary; stories keep their headlines, outlines and pages. N is --days or
NEWSROOM_RETAIN_BODIES_DAYS; "newsroom serve" does the same every hour when that is set.

  --dry-run   only count what would be cleared
  --days N    the age limit for this run, in days (at least 1)`,
  admin: `Usage:
  newsroom admin create --email ADDRESS
  newsroom admin password --email ADDRESS
  newsroom admin remove --email ADDRESS
  newsroom admin list

create     makes an account that can log in at /admin. The password (at least 10
           characters) is asked on the terminal with echo off, or read from
           NEWSROOM_ADMIN_PASSWORD; it is stored as a scrypt hash.
password   sets a new password and ends every session of the account.
remove     deletes the account and its sessions (the audit log keeps its email).
list       shows the accounts and their active sessions.`,
  sources: `Usage:
  newsroom sources add URL [--section NAME] [--name NAME] [--interval MINUTES]
  newsroom sources list [--json]
  newsroom sources remove ID|FEED_URL
  newsroom sources import FILE.opml [--section NAME]
  newsroom sources export

add      URL is a feed (RSS, Atom, RDF or JSON Feed) or a site's page; from a page, the
         feeds it advertises with <link rel="alternate"> are tried, then common paths.
list     shows each source's health: last fetch, status, last error and next fetch.
remove   stops following the source and deletes the articles it brought.
import   adds every feed of an OPML file (a folder or category becomes the section).
export   prints OPML 2.0 on stdout.`,
};
