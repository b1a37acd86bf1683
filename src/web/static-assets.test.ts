import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { defaultConfig } from '../config.js';
import { SqliteRepository } from '../store/sqlite/sqlite-repository.js';
import { buildApp } from './app.js';

describe('static assets', () => {
  it('serves the stylesheet and scripts compressed when accepted, with an ETag answered by 304', async () => {
    const repo = SqliteRepository.open(':memory:');
    const app = await buildApp({ repo, config: defaultConfig() });
    try {
      const plain = await app.inject({ url: '/assets/site.css' });
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(plain.body, /prefers-color-scheme: dark/);
      assert.equal(plain.headers.vary, 'Accept-Encoding');

      const br = await app.inject({ url: '/assets/site.css', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 3, `brotli: ${br.rawPayload.length} of ${plain.rawPayload.length} bytes`);
      assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);

      const gz = await app.inject({ url: '/assets/keys.js', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(gz.headers['content-type'] as string, /^text\/javascript/);
      assert.match(gunzipSync(gz.rawPayload).toString('utf8'), /addEventListener\('keydown'/);

      const again = await app.inject({ url: '/assets/site.css', headers: { 'if-none-match': plain.headers.etag as string } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.rawPayload.length, 0);

      assert.equal((await app.inject({ url: '/assets/nothing.js' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/assets/..%2Fapp.js' })).statusCode, 404);
    } finally {
      await app.close();
      await repo.close();
    }
  });
});
