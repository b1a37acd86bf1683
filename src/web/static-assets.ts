// Our own static files — the stylesheet and the scripts in src/web/assets — read once at
// start and kept compressed. Every reader's first visit downloads them, and they are most of
// the home page's weight uncompressed (the 60 KB budget of docs/accessibility.md), so each is
// sent brotli- or gzip-compressed when the browser accepts it, with an ETag so a revalidation
// after the hour's max-age costs a 304.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { projectPath } from '../paths.js';
import { acceptedEncoding } from './cache/plugin.js';
import { matchesIfNoneMatch } from './feeds-out/conditional-get.js';

export interface StaticAsset {
  type: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

export function staticAsset(body: Buffer, type: string): StaticAsset {
  return {
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    identity: body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** Every .css, .js and .svg file of src/web/assets, by file name. */
export function loadStaticAssets(dir = projectPath('src/web/assets')): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(name, staticAsset(fs.readFileSync(path.join(dir, name)), type));
  }
  return assets;
}

export function sendStaticAsset(request: FastifyRequest, reply: FastifyReply, asset: StaticAsset): FastifyReply {
  reply.header('cache-control', 'public, max-age=3600').header('etag', asset.etag).header('vary', 'Accept-Encoding');
  if (matchesIfNoneMatch(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  reply.type(asset.type);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(encoding ? asset[encoding] : asset.identity);
}
