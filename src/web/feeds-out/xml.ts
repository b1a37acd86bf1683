// Text for XML 1.0: characters XML cannot carry at all (most C0 controls, lone surrogates,
// U+FFFE/U+FFFF) are dropped — a feed's stray control character would otherwise make our
// whole document ill-formed — and the rest is escaped.
import { escapeXml } from '../../text/xml-escape.js';

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function dropInvalidChars(value: string): string {
  return value.replace(NOT_XML, '');
}

export function xmlText(value: string): string {
  return escapeXml(dropInvalidChars(value));
}
