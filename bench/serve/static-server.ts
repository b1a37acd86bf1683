// The ceiling bench:serve compares against: plain node:http answering each captured page's
// exact bytes, read from its file once at start, with the same Content-Type. No framework,
// no routing beyond a Map, no headers beyond what HTTP needs.
//
//   node dist/bench/serve/static-server.js DIR PORT     (DIR/index.json maps paths to files)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dir, portText] = process.argv.slice(2);
if (!dir || !portText) {
  console.error('usage: static-server DIR PORT');
  process.exit(2);
}
const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Record<string, { file: string; contentType: string }>;
const pages = new Map(
  Object.entries(index).map(([url, page]) => [url, { body: fs.readFileSync(path.join(dir, page.file)), contentType: page.contentType }]),
);

const server = http.createServer((request, response) => {
  const page = pages.get(request.url ?? '');
  if (!page) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, { 'content-type': page.contentType, 'content-length': page.body.length }).end(page.body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portText), '127.0.0.1', () => console.log(`static server on http://127.0.0.1:${portText}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
