/**
 * Module browser search: every word of the query must appear in the module's name, type, tags
 * or description (case-insensitive); results whose name starts with the query come first, as a
 * performer typing "pod" wants Pod, not every module whose description mentions Pods.
 */
import type { CatalogEntry } from '../../main/patch/catalog';

type Searchable = Pick<CatalogEntry, 'type' | 'name' | 'description' | 'tags'>;

function rank(entry: Searchable, query: string): number {
  const name = entry.name.toLowerCase();
  const type = entry.type.toLowerCase();
  if (name.startsWith(query) || type.startsWith(query)) return 0;
  if (name.split(/[\s-]+/).some((w) => w.startsWith(query))) return 1;
  if (name.includes(query) || type.includes(query)) return 2;
  if (entry.tags.some((t) => t.toLowerCase().includes(query))) return 3;
  return 4;
}

/** The entries matching `query`, best first; all entries, in name order, for an empty query. */
export function searchCatalog<T extends Searchable>(entries: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  if (q === '') return [...entries].sort(byName);
  const words = q.split(/\s+/);
  const hits = entries.filter((e) => {
    const haystack = [e.name, e.type, e.description, ...e.tags].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return hits
    .map((e) => ({ e, r: rank(e, q) }))
    .sort((a, b) => a.r - b.r || byName(a.e, b.e))
    .map(({ e }) => e);
}
