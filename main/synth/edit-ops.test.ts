/** YAML edits of hello-web become the ops a user would expect; bad text becomes located problems and no op. */
import { describe, expect, it } from 'vitest';
import { examplePatch, moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import { yamlToOps } from './edit-ops';
import { patchToYaml } from './synth';

const catalog = moduleCatalog();
const hello = examplePatch('hello-web', catalog);
const text = patchToYaml(hello).text;

function edit(next: string, patch: Patch = hello): { patch: Patch; op: Op | undefined } {
  const result = yamlToOps(patch, catalog, next);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  if (!result.op) return { patch, op: undefined };
  const applied = applyOp(patch, result.op, catalog);
  if (!applied.ok) throw new Error(applied.error.message);
  return { patch: applied.patch, op: result.op };
}

function problems(next: string) {
  const result = yamlToOps(hello, catalog, next);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

const mod = (p: Patch, id: string) => p.modules.find((m) => m.id === id)!;

describe('YAML edits of hello-web', () => {
  it('turns the replicas knob, and racks new Pods into free claim slots', () => {
    const { patch, op } = edit(text.replace('replicas: 3', 'replicas: 4'));
    expect(mod(patch, 'deploy').params['replicas']).toBe(4);
    expect(patch.modules.filter((m) => m.type === 'pod')).toHaveLength(4);
    expect(patch.cables.some((c) => c.from.module === 'deploy' && c.from.jack === 'claim-4')).toBe(true);
    expect(op?.type).toBe('batch');
    // The new text is the patch's YAML again.
    expect(patchToYaml(patch).text).toBe(text.replace('replicas: 3', 'replicas: 4'));
  });

  it('changes the image of every Pod of the Deployment, and nothing else', () => {
    const { patch } = edit(text.replace('image: nginx:1.27', 'image: nginx:1.28'));
    expect(patch.modules.filter((m) => m.type === 'pod').map((m) => m.data['image'])).toEqual([
      'nginx:1.28',
      'nginx:1.28',
      'nginx:1.28',
    ]);
    // pod-3 ran at 500 m while the template said 250 m: untouched, since the CPU line was not edited.
    expect(mod(patch, 'pod-3').params['cpu']).toBe(500);
  });

  it('renames through metadata.name (the annotation keeps the module)', () => {
    const { patch } = edit(text.replace('name: hello\n', 'name: front\n'));
    expect(mod(patch, 'ingress').data['name']).toBe('front');
  });

  it('re-patches placement from a nodeSelector', () => {
    const next = text.replace(/affinity:\n[\s\S]*?- node-b\n/, 'nodeSelector:\n        kubernetes.io/hostname: node-b\n');
    const { patch } = edit(next);
    const loads = patch.cables.filter((c) => c.from.jack === 'load').map((c) => `${c.from.module}>${c.to.module}`);
    expect(loads.sort()).toEqual(['pod-1>node-b', 'pod-2>node-b', 'pod-3>node-b']);
  });

  it('removes the Ingress module when its document is deleted', () => {
    const { patch } = edit(text.slice(0, text.lastIndexOf('---\n')));
    expect(patch.modules.some((m) => m.id === 'ingress')).toBe(false);
    expect(patch.cables.some((c) => c.from.module === 'ingress')).toBe(false);
  });

  it('asks for nothing when the text is the patch', () => {
    expect(edit(text).op).toBeUndefined();
  });
});

describe('bad YAML is refused at its line, and changes nothing', () => {
  it('reports a syntax error where it is', () => {
    // Where the [ was typed (line 12), not where the parser noticed it was never closed (line 13).
    expect(problems(text.replace('replicas: 3', 'replicas: [3'))).toEqual([expect.stringMatching(/^12:13 /)]);
  });

  it('reports a schema violation at the field', () => {
    expect(problems(text.replace('replicas: 3', 'replicas: three'))).toEqual(['12:13 spec.replicas must be integer']);
  });

  it('names the kind the rack has when a kind is a modelled one misspelt (not a custom resource)', () => {
    expect(problems(text.replace('kind: Service', 'kind: service'))).toEqual([
      expect.stringMatching(/kind service: did you mean Service\?/),
    ]);
  });

  it('refuses a value the module cannot hold, at its field', () => {
    expect(problems(text.replace('replicas: 3', 'replicas: 40'))).toEqual(['12:13 REPLICAS 40 lies outside 0 to 12.']);
    expect(problems(text.replace('cpu: 250m', 'cpu: 255m'))).toEqual(['45:20 CPU moves in steps of 10 m.']);
  });

  it('refuses a name the API server would refuse, at the name', () => {
    expect(problems(text.replace('name: hello\n', 'name: Hello_World\n'))).toEqual([
      expect.stringMatching(/^\d+:9 metadata\.name: lowercase letters/),
    ]);
  });

  it('refuses a backend that is not in the text', () => {
    expect(problems(text.replace('                name: hello-web', '                name: nowhere'))).toEqual([
      expect.stringMatching(/No Service named nowhere/),
    ]);
  });

  it('refuses two objects of one kind with one name', () => {
    const svc = text.slice(text.indexOf('apiVersion: v1\nkind: Service'), text.lastIndexOf('---\n'));
    expect(problems(`${text}---\n${svc}`)).toEqual([expect.stringMatching(/A second Service\/hello-web/)]);
  });

  it('accepts an empty text as "no objects" and removes them all', () => {
    const { patch } = edit('');
    expect(patch.modules.map((m) => m.type).sort()).toEqual(['controller', 'etcd', 'node', 'node']);
  });
});
