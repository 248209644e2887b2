/**
 * A bounded cache of values computed from a source string (a document's text, a manifest's JSON):
 * the YAML panel recomputes only the documents an edit touched, and reuses the rest by their source.
 * Two generations: when the newer one is full it becomes the older one and the oldest entries go, so
 * what the last few regenerations used stays and the memory stays bounded. Values must be treated as
 * immutable: every caller with the same source gets the same object.
 */
export class SourceCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly limit = 4096) {}

  /** The value for `source`, computed by `make` on a miss. */
  get(source: string, make: () => V): V {
    let value = this.current.get(source);
    if (value !== undefined) return value;
    value = this.previous.get(source);
    if (value === undefined) value = make();
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(source, value);
    return value;
  }
}
