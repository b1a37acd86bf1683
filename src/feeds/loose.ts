// feedsmith mirrors each format's structure; adapters read it through this loose type and
// check every value they take (text(), parseDate(), list()), so a surprising shape in a
// real feed yields an empty field rather than a crash.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** A value that may be one item, a list, or missing, as a list. */
export function list(value: unknown): Loose[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
