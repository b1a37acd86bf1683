import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('API cursors', () => {
  it('round-trip a (time, id) position as URL-safe text', () => {
    const position = { time: new Date('2026-11-28T08:00:00.123Z'), id: 4711 };
    const cursor = encodeCursor(position);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), position);
  });

  it('refuse what is not one of ours', () => {
    for (const bad of ['', 'abc', Buffer.from('12:x').toString('base64url'), Buffer.from('1:99999999999999999').toString('base64url'), Buffer.from('9999999999999999:1').toString('base64url')]) {
      assert.equal(decodeCursor(bad), null, bad);
    }
  });
});
