// Content-Encoding decoders for response bodies. WHATWG fetch used to decode for us; the
// lower-level undici `request` hands over the bytes as sent, so this reproduces what fetch
// did (undici 7, lib/web/fetch/index.js): the same codings, the same lenient flushing, the
// same sniffing of raw deflate, the same refusal of long coding chains.
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** Servers stacking more codings than this are refusing to be read (CVE-2022-32206). */
const MAX_CODINGS = 5;

// Truncated bodies decode to what arrived instead of failing, as in browsers and curl.
const ZLIB_LENIENT: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/**
 * "deflate" means zlib-wrapped deflate, but some servers send raw deflate: the first byte
 * tells them apart (a zlib header has compression method 8 in its low nibble).
 */
class Inflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return callback();
      this.inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT);
      this.inner.on('data', (out: Buffer) => this.push(out));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

type DecoderFactory = () => Transform;

// zstd only where this Node has it (22.15+), as fetch does; we never ask for it.
const createZstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;

const DECODERS: Record<string, DecoderFactory | undefined> = {
  gzip: () => zlib.createGunzip(ZLIB_LENIENT),
  'x-gzip': () => zlib.createGunzip(ZLIB_LENIENT),
  deflate: () => new Inflate(),
  br: () => zlib.createBrotliDecompress(BROTLI_LENIENT),
  zstd: createZstd,
};

/**
 * The decoders to pipe a body through, outermost coding first, for a Content-Encoding
 * value. None when there is no coding, or when one of them is unknown ("identity" among
 * them): then the body is kept as sent. Throws when the chain is longer than we decode.
 */
export function decodersFor(contentEncoding: string | null): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding.toLowerCase().split(',');
  if (codings.length > MAX_CODINGS) {
    throw new Error(`too many content-encodings in response: ${codings.length}, maximum allowed is ${MAX_CODINGS}`);
  }
  const factories: DecoderFactory[] = [];
  // Codings are listed in the order they were applied: undo the last one first.
  for (let i = codings.length - 1; i >= 0; i--) {
    const factory = DECODERS[codings[i]!.trim()];
    if (!factory) return [];
    factories.push(factory);
  }
  return factories.map((create) => create());
}
