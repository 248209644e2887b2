/** The KRM function's core: Eno's and kustomize's contracts, and messages that say what to fix. */
import { describe, expect, it } from 'vitest';
import { examplePatch } from '../../tests/helpers/module-catalog';
import { topologyConfigMap } from './configmap';
import { runKrmFunction } from './krm';
import { patchToTopology } from './topology';

const configMap = topologyConfigMap(patchToTopology(examplePatch('hello-web'), 'hello-web'));
const enoInput = (item: object) =>
  JSON.stringify({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: [
      {
        ...item,
        metadata: { ...(item as { metadata: object }).metadata, annotations: { 'eno.azure.io/input-key': 'topology' } },
      },
    ],
    functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', optionalRefs: [] },
  });
const out = (stdout: string) =>
  JSON.parse(stdout) as {
    items: { kind: string; metadata: { name: string } }[];
    results: { severity: string; message: string; field?: { path: string } }[];
  };

describe('runKrmFunction', () => {
  it('synthesizes from Eno’s input and from a kustomize functionConfig alike', () => {
    const eno = runKrmFunction(enoInput(configMap));
    const kpt = runKrmFunction(
      `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: ${JSON.stringify(configMap)}\n`,
      'krm',
    );
    expect(eno.exitCode).toBe(0);
    expect(out(eno.stdout).items.map((i) => i.kind)).toEqual(['Deployment', 'Service', 'Ingress']);
    expect(kpt.stdout).toBe(eno.stdout);
  });

  it('passes through items that are not inputs, untouched', () => {
    const other = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', annotations: { 'kustomize.config.k8s.io/id': 'x' } },
    };
    const list = JSON.parse(enoInput(configMap)) as { items: object[] };
    list.items.unshift(other);
    expect(out(runKrmFunction(JSON.stringify(list)).stdout).items[0]).toEqual(other);
  });

  it('explains a broken topology at its field; exit 0 for Eno, 1 for kustomize', () => {
    const topology = JSON.parse((configMap['data'] as Record<string, string>)['topology.json']!) as {
      services: { ports: { port: unknown }[] }[];
    };
    topology.services[0]!.ports[0]!.port = 99999;
    const bad = { ...configMap, data: { 'topology.json': JSON.stringify(topology) } };
    const eno = runKrmFunction(enoInput(bad), 'eno');
    const krm = runKrmFunction(enoInput(bad), 'krm');
    expect([eno.exitCode, krm.exitCode]).toEqual([0, 1]);
    expect(out(eno.stdout).items).toEqual([]);
    expect(out(eno.stdout).results).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(/services\.0\.ports\.0\.port: .*65535/) as unknown,
        field: { path: 'data.topology.json' },
      }),
    ]);
  });

  it('says what to do about input that is not a ResourceList, JSON or a topology', () => {
    for (const input of [
      '{',
      '[]',
      '{"kind":"ResourceList","items":null}',
      enoInput({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'topology.json': '{' } }),
    ]) {
      const run = runKrmFunction(input);
      expect(run.exitCode).toBe(0);
      const [result] = out(run.stdout).results;
      expect(result?.severity).toBe('error');
      expect(result?.message.length).toBeGreaterThan(20);
    }
  });
});
