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
