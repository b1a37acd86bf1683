import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanBody, formValues, LIMITS, MESSAGES, normaliseWebsite, validateComment } from './validation.js';

const form = (fields: Partial<Record<'comment' | 'author' | 'email' | 'website', string>>) => ({
  comment: '', author: '', email: '', website: '', ...fields,
});
const check = (fields: Parameters<typeof form>[0]) => validateComment(form(fields), { maxLinks: 2 });

describe('comment validation', () => {
  it('asks for the comment and the name with the site’s own messages', () => {
    assert.deepEqual(check({}), { ok: false, errors: { comment: 'Please enter your comment!', author: 'Please enter your name here' } });
    assert.deepEqual(check({ comment: ' \n\t ', author: '   ' }), check({}), 'spaces alone are missing');
    assert.deepEqual(check({ comment: 'Hi' }), { ok: false, errors: { author: MESSAGES.authorMissing } });
  });

  it('accepts a comment with only its required fields, cleaned', () => {
    assert.deepEqual(check({ comment: '  First line\r\nsecond\r\n\r\n\r\n\r\nthird  ', author: '  Ana \t Silva ' }), {
      ok: true,
      draft: { body: 'First line\nsecond\n\nthird', authorName: 'Ana Silva', email: null, website: null },
    });
  });

  it('enforces the stated length limits, counting a line break once as the browser does', () => {
    assert.equal(LIMITS.comment, 3000);
    assert.equal(check({ comment: 'x'.repeat(3000), author: 'A' }).ok, true);
    assert.deepEqual(check({ comment: 'x'.repeat(3001), author: 'A' }), { ok: false, errors: { comment: MESSAGES.commentTooLong } });
    assert.equal(MESSAGES.commentTooLong, 'Please keep your comment to 3,000 characters or fewer.');
    assert.equal(check({ comment: 'ab\r\n'.repeat(1000).trim(), author: 'A' }).ok, true, '1,000 CRLF lines are 2,999 characters');
    assert.equal(check({ comment: 'Hi', author: 'n'.repeat(81) }).ok, false);
  });

  it('checks the optional email and website, and keeps only http(s) websites', () => {
    assert.deepEqual(check({ comment: 'Hi', author: 'A', email: 'not an email' }), { ok: false, errors: { email: MESSAGES.emailInvalid } });
    assert.deepEqual(check({ comment: 'Hi', author: 'A', website: 'javascript:alert(1)' }), { ok: false, errors: { website: MESSAGES.websiteInvalid } });
    const ok = check({ comment: 'Hi', author: 'A', email: ' ana@example.org ', website: 'example.org/me' });
    assert.deepEqual(ok.ok && ok.draft, { body: 'Hi', authorName: 'A', email: 'ana@example.org', website: 'https://example.org/me' });
    assert.equal(normaliseWebsite('http://example.org'), 'http://example.org/');
    assert.equal(normaliseWebsite('localhost'), null);
    assert.equal(normaliseWebsite('data:text/html,hi'), null);
  });

  it('caps the links in a comment', () => {
    assert.equal(check({ comment: 'https://a.example https://b.example', author: 'A' }).ok, true);
    assert.deepEqual(check({ comment: 'https://a.example https://b.example www.c.example', author: 'A' }), {
      ok: false, errors: { comment: 'Please include no more than 2 links.' },
    });
    assert.equal(validateComment(form({ comment: 'https://a.example', author: 'A' }), { maxLinks: 0 }).ok, false);
  });

  it('strips control characters and direction overrides', () => {
    assert.equal(cleanBody('a\u0000b\u202Ec\u0007'), 'abc');
  });

  it('reads form fields whatever shape they come in', () => {
    assert.deepEqual(formValues({ comment: ['first', 'second'], author: 42, extra: 'x' }), { comment: 'first', author: '', email: '', website: '' });
    assert.deepEqual(formValues(null), { comment: '', author: '', email: '', website: '' });
    assert.equal(formValues({ comment: 'x'.repeat(50_000) }).comment.length, 20_000);
  });
});
