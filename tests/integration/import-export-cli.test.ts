/**
 * `k8s-synth import`, `export` and `topology-configmap MANIFESTS` as a user runs them: the built
 * CLI in a real process, real files (the public test data in tests/data/real-world).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './helpers/cli-process';

const BIN = path.join(REPO, 'bin', 'k8s-synth.mjs');
const DATA = path.join(REPO, 'tests/data/real-world');
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'k8s-synth-import-'));

beforeAll(() => ensureBuilt(), 900_000);

describe('k8s-synth import / export', () => {
  it('imports a folder of manifests to a patch file, and exports it with every comment and selector', () => {
    const dir = tmp();
    const patch = path.join(dir, 'boutique.k8spatch');
    const imported = cli(['import', path.join(DATA, 'online-boutique'), '--out', patch]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr).toMatch(/^k8s-synth import: The manifests name no Nodes, so 2 Nodes/m);
    expect(JSON.parse(readFileSync(patch, 'utf8'))).toMatchObject({ format: 'k8s-synth/patch' });

    const out = path.join(dir, 'boutique.yaml');
    const exported = cli(['export', patch, '--out', out]);
    expect(exported.status, exported.stderr).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml.match(/^\s*# Copyright 2018 Google LLC$/gm)).toHaveLength(3);
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: object });
    expect(docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'cartservice')?.spec).toMatchObject({
      selector: { matchLabels: { app: 'cartservice' } },
    });
  });

  it('imports a compose file whatever its name, with its warnings on stderr and the patch on stdout', () => {
    const result = cli(['import', path.join(DATA, 'react-express-mysql.yaml')]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'k8s-synth/patch' });
    expect(result.stderr).toMatch(/Top-level secrets \(db-password\) not imported/);
    expect(result.stderr).not.toMatch(/undefined/);
  });

  it('--json reports warnings and notices as data', () => {
    const dir = tmp();
    const result = cli([
      'import',
      path.join(DATA, 'voting-app.docker-compose.yml'),
      '--json',
      '--out',
      path.join(dir, 'v.k8spatch'),
    ]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; compose: boolean; warnings: string[]; notices: string[] };
    expect(report).toMatchObject({ ok: true, compose: true, out: path.join(dir, 'v.k8spatch') });
    expect(report.warnings.length).toBeGreaterThan(3);
    expect(report.notices).toHaveLength(1);
  });

  it('exits 1 with the reason for input it cannot read, and 2 for a usage error', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [');
    const bad = cli(['import', path.join(dir, 'bad.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml, document 1: /);
    const missing = cli(['export', path.join(dir, 'none.k8spatch')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such file or folder \(ENOENT\)/);
    expect(cli(['import']).status).toBe(2);
    expect(cli(['export', 'a', 'b']).status).toBe(2);
    expect(cli(['--help']).stdout).toMatch(/Exit codes:\n {2}0 {2}done/);
  });

  it('topology-configmap also takes a manifests file', () => {
    const result = cli(['topology-configmap', path.join(DATA, 'online-boutique/redis.yaml'), '--json']);
    expect(result.status, result.stderr).toBe(0);
    const cm = JSON.parse(result.stdout) as { kind: string; data: Record<string, string> };
    expect(cm.kind).toBe('ConfigMap');
    expect(JSON.stringify(cm.data)).toMatch(/redis-cart/);
  });
});
