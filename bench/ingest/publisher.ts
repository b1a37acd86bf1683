// The local publishers of the ingest benchmark, run as a child process (forked by
// bench/ingest.ts) so that generating and serving the feeds does not take the pipeline's
// core. One node:http server per loopback address 127.0.1.x (each a separate host to the
// fetcher's per-host politeness), all serving every outlet that lives on that address.
// Talks to its parent over IPC: a plan in, the feed URLs out; counters on request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublisherStream, type StreamPlan } from './stream.js';

export type ToPublisher = { type: 'start'; plan: Omit<StreamPlan, 'end'> & { end: string } } | { type: 'stats' } | { type: 'stop' };
export type FromPublisher =
  | { type: 'ready'; feeds: Array<{ url: string; name: string }> }
  /** While the stream is generated ahead (before 'ready'): articles done so far. */
  | { type: 'preparing'; done: number; total: number }
  | { type: 'stats'; released: number; dropped: number; exhausted: boolean; requests: number; cpuMs: number }
  | { type: 'error'; message: string };

/** The i-th loopback host: 127.0.1.1, 127.0.1.2, … (Linux answers on all of 127.0.0.0/8). */
export function hostAddress(i: number): string {
  return `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

function send(message: FromPublisher): void {
  process.send?.(message);
}

async function start(plan: StreamPlan): Promise<{ stream: PublisherStream; servers: http.Server[]; requests: () => number }> {
  let requests = 0;
  let stream: PublisherStream | null = null;
  const handler: http.RequestListener = (req, res) => {
    requests++;
    const m = /^\/o(\d+)\/feed\.(xml|atom)$/.exec(req.url ?? '');
    const i = m ? Number(m[1]) : -1;
    if (!stream || i < 0 || i >= stream.outlets.length) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // Conditional requests answered as real publishers do: 304 while the feed is unchanged.
    const { etag, body } = stream.feedIfChanged(i, req.headers['if-none-match'] ?? null);
    if (body === null) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': m![2] === 'xml' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
      'content-length': body.length,
      etag,
    });
    res.end(body);
  };
  const servers: http.Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < plan.hosts; h++) {
    const server = http.createServer({ keepAliveTimeout: 60_000 }, handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, hostAddress(h), () => resolve());
    });
    servers.push(server);
    bases.push(`http://${hostAddress(h)}:${(server.address() as AddressInfo).port}`);
  }
  stream = new PublisherStream(plan, bases);
  // The whole stream generated before the run, so that serving it takes the machine's cores
  // as little as real publishers (other machines) would.
  stream.prepare((done) => send({ type: 'preparing', done, total: plan.total }));
  return { stream, servers, requests: () => requests };
}

let running: Awaited<ReturnType<typeof start>> | null = null;

process.on('message', (message: ToPublisher) => {
  if (message.type === 'start') {
    start({ ...message.plan, end: new Date(message.plan.end) }).then(
      (r) => {
        running = r;
        send({ type: 'ready', feeds: r.stream.outlets.map((o) => ({ url: r.stream.feedUrl(o.index), name: o.name })) });
      },
      (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      released: running?.stream.released ?? 0,
      dropped: running?.stream.dropped ?? 0,
      exhausted: running?.stream.exhausted ?? false,
      requests: running?.requests() ?? 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (message.type === 'stop') {
    for (const s of running?.servers ?? []) s.closeAllConnections();
    process.exit(0);
  }
});
// Without a parent there is nothing to serve for.
process.on('disconnect', () => process.exit(0));
