/** The one-call facades: a patch as manifests / YAML text. */
import type { Patch } from '../patch/model';
import { storedComments } from './comment-ops';
import { topologyToManifests, type Synthesis } from './manifests';
import { patchToTopology } from './topology';
import { DEFAULT_PART_OF } from './vocabulary';
import { manifestsToYaml } from './yaml-text';

/** The manifests of a patch, with the warnings of what could not be expressed. */
export function synthesizePatch(patch: Patch, name: string = DEFAULT_PART_OF): Synthesis {
  return topologyToManifests(patchToTopology(patch, name));
}

/** The patch as multi-document YAML (what the YAML panel shows). */
export function patchToYaml(patch: Patch, name: string = DEFAULT_PART_OF): { text: string; warnings: string[] } {
  const { manifests, warnings } = synthesizePatch(patch, name);
  return { text: manifestsToYaml(manifests, (m) => storedComments(patch, m)), warnings };
}

/**
 * The app.kubernetes.io/part-of name for a patch file: its name without `.k8spatch` when that is
 * a DNS label ("hello-web"), else the default. The YAML panel and `topology-configmap` agree on it.
 */
export function patchNameFor(path: string | null): string {
  const base = (path ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.k8spatch$/i, '')
    .toLowerCase();
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(base) && base.length <= 63 ? base : DEFAULT_PART_OF;
}
