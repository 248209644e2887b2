import { describe, expect, it } from 'vitest';
import { examplePatch, moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Patch } from '../patch/model';
import { yamlToOps } from './edit-ops';
import { summarizeChange } from './summary';
import { patchToYaml } from './synth';

const catalog = moduleCatalog();
const hello = examplePatch('hello-web', catalog);
const text = patchToYaml(hello).text;

function edited(next: string): Patch {
  const r = yamlToOps(hello, catalog, next);
  if (!r.ok || !r.op) throw new Error('no edit');
  const a = applyOp(hello, r.op, catalog);
  if (!a.ok) throw new Error(a.error.message);
  return a.patch;
}

describe('summarizeChange', () => {
  it('sums up replicas, a port and a removed object in one line', () => {
    const changed = text.replace('replicas: 3', 'replicas: 5').replace('port: 80\n', 'port: 8080\n');
    const next = edited(changed.slice(0, changed.lastIndexOf('---\n')));
    expect(summarizeChange(hello, next)).toBe(
      '+2 Pods; Deployment hello-web replicas 3->5; Service hello-web port 80->8080; Ingress hello removed',
    );
  });

  it('ignores what Kubernetes never sees (positions, colours)', () => {
    const moved = { ...hello, modules: hello.modules.map((m) => (m.id === 'svc' ? { ...m, row: 1, hp: 70 } : m)) };
    expect(summarizeChange(hello, moved)).toBe('no changes');
  });
});
