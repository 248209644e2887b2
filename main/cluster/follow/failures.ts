/** The objects of an apply that did not go through, each with the module it came from. Pure. */
import type { Manifest } from '../../synth/manifests';
import { MODULE_ANNOTATION } from '../../synth/vocabulary';
import type { ApplyResult } from '../types';
import type { FollowFailure } from './types';

const objectKey = (kind: string, name: string) => `${kind}/${name}`;

export function applyFailures(result: ApplyResult, manifests: readonly Manifest[]): FollowFailure[] {
  const modules = new Map<string, string>();
  for (const m of manifests) {
    const meta = (m['metadata'] ?? {}) as { name?: string; annotations?: Record<string, string> };
    const module = meta.annotations?.[MODULE_ANNOTATION];
    if (module && meta.name) modules.set(objectKey(String(m['kind']), meta.name), module);
  }
  return result.items
    .filter((i) => i.outcome === 'failed' || i.outcome === 'conflict')
    .map((i) => {
      const module = modules.get(objectKey(i.kind, i.name));
      const error =
        i.error ??
        (i.conflicts ?? []).map((c) => `${c.field} is owned by ${c.manager} (take it over with a confirmed Apply)`).join('; ');
      return { ...(module ? { module } : {}), kind: i.kind, name: i.name, error };
    });
}
