import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFromBytes } from './index.js';

const TEXT = 'Le conseil municipal a voté lundi la rénovation du théâtre, fermé depuis l’été dernier. Les travaux coûteront près de 3 millions d’euros — « un effort nécessaire », selon la maire.';

function page(head: string, padding = ''): string {
  return `<!doctype html><html><head>${padding}${head}<title>Théâtre : le conseil vote la rénovation</title></head><body><article><p>${TEXT}</p><p>${TEXT}</p><p>${TEXT}</p></article></body></html>`;
}

/** windows-1252 bytes of a string (’ « » — € are in 0x80-0x9F or Latin-1). */
function cp1252(s: string): Uint8Array {
  const special: Record<string, number> = { '’': 0x92, '—': 0x97, '€': 0x80, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...s].map((c) => special[c] ?? c.charCodeAt(0)));
}

function text(bytes: Uint8Array, contentType?: string | null): string {
  const result = extractFromBytes(bytes, 'https://ville.example/theatre', contentType);
  assert.ok(result.ok, JSON.stringify(result));
  return result.article.text;
}

describe('extractFromBytes decodes before extracting', () => {
  it('follows the HTTP charset', () => {
    assert.match(text(cp1252(page('')), 'text/html; charset=windows-1252'), /rénovation du théâtre, fermé depuis l’été dernier/);
  });
  it('follows <meta charset> and <meta http-equiv>, also after the first 1024 bytes', () => {
    const padding = `<meta name="keywords" content="${'x'.repeat(1500)}">`;
    assert.match(text(cp1252(page('<meta charset="windows-1252">', padding))), /coûteront près de 3 millions d’euros — « un effort nécessaire »/);
    assert.match(text(cp1252(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', padding))), /l’été/);
  });
  it('honours a byte-order mark over a wrong declaration', () => {
    const utf8 = new TextEncoder().encode(page('<meta charset="iso-8859-1">'));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    assert.match(text(withBom, 'text/html; charset=iso-8859-1'), /théâtre/);
  });
  it('sniffs undeclared pages: UTF-8 when valid, a legacy encoding otherwise', () => {
    assert.match(text(new TextEncoder().encode(page(''))), /« un effort nécessaire »/);
    assert.match(text(cp1252(page(''))), /rénovation du théâtre/);
  });
});
