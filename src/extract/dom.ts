// Small DOM helpers shared by the extraction passes.

/**
 * An attribute's value, or null. Reads the attribute node directly: linkedom answers
 * getAttribute('class') by joining the element's class list anew on every call, which the
 * passes (each reading every element's class) cannot afford.
 */
export function attrOf(el: Element, name: string): string | null {
  const node = el.getAttributeNode(name);
  return node ? node.value : null;
}

/**
 * The page's <body>. Not `document.body`: linkedom answers that with a new, empty element when
 * anything stands before <head> (a saved page with a script-inserted <div> there, say).
 */
export function bodyOf(doc: Document): Element | null {
  const html = doc.documentElement;
  if (!html) return null;
  for (let el = html.firstElementChild; el; el = el.nextElementSibling) if (el.localName === 'body') return el;
  return html.querySelector('body') ?? html;
}
