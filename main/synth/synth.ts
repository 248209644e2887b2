/** The one-call facades: a patch as manifests / YAML text. */
import { isDnsLabel } from '../patch/k8s-names';
import type { Patch } from '../patch/model';
import { storedComments } from './comment-ops';
import { topologyToManifests, type Synthesis } from './manifests';
import { patchToTopology } from './topology';
import { DEFAULT_PART_OF } from './vocabulary';
import { manifestsToYamlCached } from './yaml-incremental';

/** The manifests of a patch, with the warnings of what could not be expressed. */
export function synthesizePatch(patch: Patch, name: string = DEFAULT_PART_OF): Synthesis {
  return topologyToManifests(patchToTopology(patch, name));
}

/** The patch as multi-document YAML (what the YAML panel shows); unchanged documents' text is reused. */
export function patchToYaml(patch: Patch, name: string = DEFAULT_PART_OF): { text: string; warnings: string[] } {
  const { manifests, warnings } = synthesizePatch(patch, name);
  return { text: manifestsToYamlCached(manifests, (m) => storedComments(patch, m)), warnings };
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
  return isDnsLabel(base) ? base : DEFAULT_PART_OF;
}
