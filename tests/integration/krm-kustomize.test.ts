/**
 * `k8s-synth synth` as a real KRM exec function run by a real kustomize (built from the Go proxy):
 * the topology ConfigMap of hello-web as the generator's functionConfig, the manifests out; a
 * broken topology fails the build with our message (krm mode); Eno's contract (exit 0, error
 * results, JSON only, same bytes for the same input) checked on the same binary.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './helpers/cli-process';
import { findOrBuildKustomize, type Found } from './helpers/kustomize';

const BIN = path.join(REPO, 'bin', 'k8s-synth.mjs');
let kustomize: Found = { ok: false, reason: 'not looked for yet' };

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', input });

function topologyConfigMap(): Record<string, unknown> {
  const out = cli(['topology-configmap', path.join(REPO, 'resources/examples/hello-web.k8spatch'), '--json']);
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

/** A kustomization whose generator is our exec function with `configMap` as its config. */
function kustomization(configMap: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-synth-kustomize-'));
  const script = path.join(dir, 'synth.sh');
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" synth --mode krm\n`);
  chmodSync(script, 0o755);
  const meta = configMap['metadata'] as Record<string, unknown>;
  meta['annotations'] = { 'config.kubernetes.io/function': 'exec:\n  path: ./synth.sh\n' };
  writeFileSync(path.join(dir, 'topology.json'), JSON.stringify(configMap));
  writeFileSync(path.join(dir, 'kustomization.yaml'), 'generators:\n  - topology.json\n');
  return dir;
}

beforeAll(() => {
  ensureBuilt();
  kustomize = findOrBuildKustomize();
  if (!kustomize.ok) process.stdout.write(`[krm-kustomize] skipping the kustomize cases: ${kustomize.reason}\n`);
}, 900_000);

describe('k8s-synth synth under kustomize build --enable-alpha-plugins --enable-exec', () => {
  it('generates hello-web’s Deployment, Service and Ingress', ({ skip }) => {
    if (!kustomize.ok) return skip(kustomize.reason);
    const dir = kustomization(topologyConfigMap());
    const run = spawnSync(kustomize.bin, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual([
      'Deployment/hello-web',
      'Ingress/hello',
      'Service/hello-web',
    ]);
  });

  it('fails the build with a message that says what to fix', ({ skip }) => {
    if (!kustomize.ok) return skip(kustomize.reason);
    const cm = topologyConfigMap();
    const data = cm['data'] as Record<string, string>;
    const topology = JSON.parse(data['topology.json']!) as { deployments: { replicas: unknown }[] };
    topology.deployments[0]!.replicas = 'three';
    data['topology.json'] = JSON.stringify(topology);
    const run = spawnSync(kustomize.bin, ['build', '--enable-alpha-plugins', '--enable-exec', kustomization(cm)], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/deployments\.0\.replicas/);
  });
});

describe('k8s-synth synth under Eno’s contract', () => {
  const enoInput = () => {
    const cm = topologyConfigMap();
    (cm['metadata'] as Record<string, unknown>)['annotations'] = { 'eno.azure.io/input-key': 'topology' };
    Object.assign(cm['metadata'] as object, { resourceVersion: '123', uid: 'abc' });
    return JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [cm],
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', optionalRefs: [] },
    });
  };

  it('writes one strict-JSON ResourceList whose items Eno accepts, the same bytes every time', () => {
    const input = enoInput();
    const a = cli(['synth'], input);
    const b = cli(['synth'], input);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const list = JSON.parse(a.stdout) as {
      kind: string;
      items: { apiVersion: string; kind: string; metadata: { name: string } }[];
      results: unknown[];
    };
    expect(list.kind).toBe('ResourceList');
    expect(list.results).toEqual([]);
    for (const item of list.items) expect(item.apiVersion && item.kind && item.metadata.name).toBeTruthy();
    expect(list.items.map((i) => i.kind)).toEqual(['Deployment', 'Service', 'Ingress']);
  });

  it('runs as the image’s single-file bundle, with no node_modules and no writes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-synth-image-'));
    const bundle = path.join(dir, 'synth.cjs');
    // The same options as resources/eno/Dockerfile.
    buildSync({
      absWorkingDir: REPO,
      entryPoints: ['main/cli/synth-main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      outfile: bundle,
      logLevel: 'error',
    });
    const input = enoInput();
    const run = spawnSync(process.execPath, [bundle], {
      cwd: dir,
      encoding: 'utf8',
      input,
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(cli(['synth'], input).stdout);
    expect(readdirSync(dir)).toEqual(['synth.cjs']);
  });

  it('reports bad input as an error result and exits 0 (Eno keeps stdout only on exit 0)', () => {
    const out = cli(['synth'], '{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":null}');
    expect(out.status).toBe(0);
    const list = JSON.parse(out.stdout) as { items: unknown[]; results: { severity: string; message: string }[] };
    expect(list.items).toEqual([]);
    expect(list.results[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/topology-configmap/) as unknown });
    expect(cli(['synth'], 'not: [yaml').stdout).toMatch(/"severity": "error"/);
  });
});
