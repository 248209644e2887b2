/**
 * main/synth owns the mapping between a patch and Kubernetes: patch -> topology -> manifests ->
 * YAML, and back (YAML edits -> ops, imports -> patches), plus the KRM function's pure core.
 * Pure: no Node I/O, no Electron, no DOM. The mapping is written down in resources/synth/MAPPING.md;
 * bump MAPPING_VERSION whenever the manifests for the same patch change.
 */

/** Version of the written mapping (resources/synth/MAPPING.md). */
export const MAPPING_VERSION = 2;

/** `app.kubernetes.io/managed-by` on everything we synthesize. */
export const MANAGED_BY = 'k8s-synth';

export const LABEL_NAME = 'app.kubernetes.io/name';
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';

/**
 * Carries the id of the module a manifest came from, so an edit of metadata.name in the YAML is a
 * rename of that module rather than a delete and an add.
 */
export const MODULE_ANNOTATION = 'k8s-synth.io/module';

/** Node placement uses the well-known hostname label every kubelet sets. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Module data key holding the fields of an imported manifest that the mapping does not model,
 * verbatim; they are merged back under the modelled fields on output so nothing is lost.
 */
export const FOREIGN_KEY = 'k8s';

/** The part-of label when the caller gives no patch name. */
export const DEFAULT_PART_OF = 'k8s-synth';

/** The module type that holds one manifest of a kind the mapping does not model (MAPPING.md §2). */
export const OBJECT_TYPE = 'object';

/** Data key of an Object module: the manifest, verbatim. */
export const OBJECT_KEY = 'manifest';

/**
 * Node module data key: true on a Node an import added because the manifests named none. Pods
 * patched into it are the scheduler's choice, so the export writes no placement for them.
 */
export const SCHEDULER_NODE_KEY = 'scheduler';

/** Module data key holding the comments of the manifest the module came from (yaml-comments.ts). */
export const COMMENTS_KEY = 'comments';

/**
 * Pod module data key: true when its LOAD cable shows the Node a cluster's scheduler put it on
 * (an import from a cluster), not a placement the patch asks for; such a cable adds no
 * nodeSelector or affinity, so the imported objects read back unchanged.
 */
export const SCHEDULED_KEY = 'scheduled';
