import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charsetFromContentType, declaredEncoding, decodeBody } from './charset.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('charsetFromContentType', () => {
  it('reads the charset parameter, quoted or not, lower-cased', () => {
    assert.equal(charsetFromContentType('text/html; charset=ISO-8859-1'), 'iso-8859-1');
    assert.equal(charsetFromContentType('application/rss+xml;charset="UTF-8"'), 'utf-8');
    assert.equal(charsetFromContentType("text/xml; Charset = 'windows-1252'"), 'windows-1252');
  });

  it('is null without a charset or a header', () => {
    assert.equal(charsetFromContentType('text/html'), null);
    assert.equal(charsetFromContentType(null), null);
    assert.equal(charsetFromContentType(undefined), null);
  });
});

describe('declaredEncoding', () => {
  it('reads the XML declaration', () => {
    assert.equal(declaredEncoding(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')), 'iso-8859-1');
    assert.equal(declaredEncoding(latin1("\n  <?xml version='1.0' encoding='windows-1252'?><rss/>")), 'windows-1252');
  });

  it('reads <meta charset> and the http-equiv form', () => {
    assert.equal(declaredEncoding(latin1('<html><head><meta charset="koi8-r"></head></html>')), 'koi8-r');
    assert.equal(
      declaredEncoding(latin1('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"></head></html>')),
      'iso-8859-15',
    );
  });

  it('reads a UTF-16 declaration in an ASCII-readable document as UTF-8', () => {
    assert.equal(declaredEncoding(latin1('<?xml version="1.0" encoding="UTF-16"?><rss/>')), 'utf-8');
    assert.equal(declaredEncoding(latin1('<html><meta charset="utf-16le"></html>')), 'utf-8');
    assert.equal(declaredEncoding(latin1('<html><meta charset="unicode"></html>')), 'utf-8');
  });

  it('is null when the document declares nothing', () => {
    assert.equal(declaredEncoding(latin1('<html><head><title>x</title></head></html>')), null);
  });
});

describe('decodeBody', () => {
  it('lets a UTF-8 BOM win over a contradicting header and declaration, and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>')]);
    const out = decodeBody(bytes, 'text/xml; charset=windows-1252');
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.text, '<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>');
  });

  it('decodes UTF-16 with a BOM (LE and BE)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>café €</t>', 'utf16le')]);
    assert.deepEqual(decodeBody(le, 'text/xml; charset=utf-8'), { text: '<t>café €</t>', encoding: 'utf-16le' });
    const beBody = Buffer.from('<t>é</t>', 'utf16le').swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    assert.deepEqual(decodeBody(be), { text: '<t>é</t>', encoding: 'utf-16be' });
  });

  it('uses the HTTP charset when there is no BOM', () => {
    const out = decodeBody(latin1('<p>caf\xe9</p>'), 'text/html; charset=ISO-8859-1');
    assert.equal(out.text, '<p>café</p>');
    assert.equal(out.encoding, 'iso-8859-1');
    // A non-Latin charset from the header: "привет" in KOI8-R.
    const koi = Buffer.from([0xd0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);
    assert.equal(decodeBody(koi, 'text/plain; charset=koi8-r').text, 'привет');
  });

  it('prefers the HTTP charset to what the document declares', () => {
    const bytes = utf8('<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>');
    const out = decodeBody(bytes, 'application/xml; charset=utf-8');
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.text, '<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>');
  });

  it('uses the XML declaration: ISO-8859-1 byte 0xE9 is "é"', () => {
    const bytes = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Caf\xe9 r\xe9sum\xe9</title></rss>');
    assert.equal(bytes.includes(0xe9), true);
    const out = decodeBody(bytes, 'application/rss+xml');
    assert.equal(out.encoding, 'iso-8859-1');
    assert.equal(out.text, '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café résumé</title></rss>');
  });

  it('finds an HTML <meta charset> that comes after the first 1024 bytes', () => {
    const padding = `<!-- ${'x'.repeat(1500)} -->`;
    const bytes = latin1(`<html><head>${padding}<meta charset="iso-8859-1"><title>Na\xefve caf\xe9</title></head></html>`);
    assert.ok(bytes.indexOf('<meta') > 1024);
    const out = decodeBody(bytes, 'text/html');
    assert.equal(out.encoding, 'iso-8859-1');
    assert.match(out.text, /<title>Naïve café<\/title>/);
  });

  it('falls back to windows-1252 when a declared UTF-8 does not fit latin1 bytes', () => {
    // 0xE9 = é, 0x80 = € and 0x93/0x94 = curly quotes in windows-1252; none is valid UTF-8 here.
    const bytes = latin1('<p>caf\xe9 co\xfbte 5\x80, \x93quoted\x94</p>');
    const fromHeader = decodeBody(bytes, 'text/html; charset=utf-8');
    assert.equal(fromHeader.encoding, 'windows-1252');
    assert.equal(fromHeader.text, '<p>café coûte 5€, “quoted”</p>');
    assert.equal(fromHeader.text.includes('\ufffd'), false);

    const declared = latin1('<?xml version="1.0" encoding="utf-8"?><t>caf\xe9</t>');
    const fromDeclaration = decodeBody(declared, null);
    assert.equal(fromDeclaration.encoding, 'windows-1252');
    assert.equal(fromDeclaration.text, '<?xml version="1.0" encoding="utf-8"?><t>café</t>');
  });

  it('decodes ISO-8859-1 as the web does: 0x80-0x9F are the windows-1252 characters', () => {
    const bytes = latin1('<p>\x93Caf\xe9\x94 \x96 5\x80 \x85</p>');
    const out = decodeBody(bytes, 'text/html; charset=iso-8859-1');
    assert.equal(out.encoding, 'iso-8859-1');
    assert.equal(out.text, '<p>“Café” – 5€ …</p>');
  });

  it('maps every byte 0x80-0x9F as the Encoding Standard windows-1252 table does', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const out = decodeBody(bytes, 'text/plain; charset=windows-1252');
    assert.equal(
      out.text,
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ',
    );
    // Bytes 0xA0-0xFF are Latin-1 in both.
    assert.equal(decodeBody(latin1('\xa0\xa9\xff'), 'text/plain; charset=windows-1252').text, '\u00a0©ÿ');
  });

  it('does not garble an even-length UTF-8 document that claims to be UTF-16', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><rss>café</rss>';
    for (const doc of [text, `${text} `]) {
      const out = decodeBody(utf8(doc), 'application/rss+xml');
      assert.equal(out.text, doc);
      assert.equal(out.encoding, 'utf-8');
    }
  });

  it('decodes plain valid UTF-8 with no label at all', () => {
    const text = '<p>Zoë’s café — 東京 🚀</p>';
    const out = decodeBody(utf8(text));
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.text, text);
  });

  it('falls back to windows-1252 for unlabelled non-UTF-8 bytes', () => {
    const out = decodeBody(latin1('caf\xe9'), null);
    assert.deepEqual(out, { text: 'café', encoding: 'windows-1252' });
  });

  it('ignores an encoding name the platform does not know', () => {
    const out = decodeBody(utf8('<p>café</p>'), 'text/html; charset=x-no-such-charset');
    assert.deepEqual(out, { text: '<p>café</p>', encoding: 'utf-8' });
  });

  it('decodes an empty body to an empty string', () => {
    assert.deepEqual(decodeBody(new Uint8Array(0)), { text: '', encoding: 'utf-8' });
  });
});
