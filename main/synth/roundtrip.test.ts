/**
 * The mapping's laws, over generated patches (fast-check):
 * - patch -> YAML -> patch is the identity: our own YAML read back against the patch asks for no op;
 * - our YAML is a fixed point: YAML -> a new patch (import) -> YAML gives the same text;
 * - every synthesized manifest passes the Kubernetes OpenAPI schemas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { synthPatch } from '../../tests/helpers/synth-arbitraries';
import { yamlToOps } from './edit-ops';
import { importYaml } from './import';
import { synthesizePatch, patchToYaml } from './synth';
import { validateManifest } from './validate';

const catalog = moduleCatalog();
const runs = { numRuns: 150 };
/** 150 import/export round trips: seconds on a machine shared with other work, so a generous deadline. */
const PROPERTY_TIMEOUT_MS = 30_000;

describe('synthesis round trips', () => {
  it(
    'reads its own YAML back as no change',
    () => {
      fc.assert(
        fc.property(synthPatch(catalog), (patch) => {
          const edit = yamlToOps(patch, catalog, patchToYaml(patch).text);
          expect(edit).toEqual({ ok: true, op: undefined });
        }),
        runs,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'is a fixed point: YAML -> patch -> YAML gives the same text',
    () => {
      fc.assert(
        fc.property(synthPatch(catalog), (patch) => {
          const text = patchToYaml(patch).text;
          const imported = importYaml(text, catalog);
          if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
          expect(patchToYaml(imported.patch).text).toBe(text);
        }),
        runs,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('emits only manifests the Kubernetes schemas accept', () => {
    fc.assert(
      fc.property(synthPatch(catalog), (patch) => {
        for (const m of synthesizePatch(patch).manifests) expect(validateManifest(m)).toEqual([]);
      }),
      runs,
    );
  });
});
