// A map from keys to one or more values that holds a lone value as itself, and a list only
// once a second value shares its key. The stories decider indexes its window of recent
// articles this way (by fingerprint band, by title): 1.6 million keys for 100,000 articles,
// nearly all with one article, where a list each was most of its thread's heap and of the
// collector's work. Values are objects and never arrays themselves (a list is how several are held).

export class MultiMap<K, V extends object> {
  private map = new Map<K, V | V[]>();

  get size(): number {
    return this.map.size;
  }

  add(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (Array.isArray(held)) held.push(value);
    else this.map.set(key, [held, value]);
  }

  /** Calls `visit` with each value under `key`, in the order added. */
  forEach(key: K, visit: (value: V) => void): void {
    const held = this.map.get(key);
    if (held === undefined) return;
    if (!Array.isArray(held)) visit(held);
    else for (const value of held) visit(value);
  }

  /** Takes `value` (the same object) from under `key`; the key goes once it holds nothing. */
  remove(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === value) this.map.delete(key);
    else if (Array.isArray(held)) this.keepUnder(key, held.filter((v) => v !== value));
  }

  /** Keeps only the values that pass `keep`, everywhere. */
  retain(keep: (value: V) => boolean): void {
    for (const [key, held] of this.map) {
      if (!Array.isArray(held)) {
        if (!keep(held)) this.map.delete(key);
      } else if (!held.every(keep)) this.keepUnder(key, held.filter(keep));
    }
  }

  clear(): void {
    this.map = new Map();
  }

  private keepUnder(key: K, values: V[]): void {
    if (values.length > 1) this.map.set(key, values);
    else if (values.length === 1) this.map.set(key, values[0]!);
    else this.map.delete(key);
  }
}
