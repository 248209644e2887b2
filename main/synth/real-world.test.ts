/**
 * Round trips on real public files (tests/data/real-world, sources and licences in its README):
 * import -> export keeps every field of every document and every comment; so does an edit of a
 * replica count in the YAML; compose files are recognised by content and converted after kompose.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Json, Patch } from '../patch/model';
import { yamlToOps } from './edit-ops';
import { importFiles } from './import-files';
import { isJsonObject } from './merge';
import { patchToYaml } from './synth';

const catalog = moduleCatalog();
const DATA = path.join(__dirname, '../../tests/data/real-world');
const read = (file: string) => readFileSync(path.join(DATA, file), 'utf8');
const BOUTIQUE = ['cartservice.yaml', 'frontend.yaml', 'redis.yaml'].map((f) => [f, read(`online-boutique/${f}`)] as const);

type Doc = { [key: string]: Json };
const docsOf = (text: string): Doc[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc)
    .filter(Boolean);
const key = (d: Doc) => `${String(d['kind'])}/${String((d['metadata'] as Doc)['name'])}`;
const commentLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));

/** Every field of `original` is in `exported` with the same value (exported may add labels). */
function expectKept(original: Json, exported: Json | undefined, at: string): void {
  if (isJsonObject(original)) {
    expect(isJsonObject(exported), `${at} is a mapping`).toBe(true);
    for (const [k, v] of Object.entries(original)) expectKept(v, (exported as Doc)[k], `${at}.${k}`);
  } else if (Array.isArray(original)) {
    expect(Array.isArray(exported) && exported.length === original.length, `${at} has ${original.length} items`).toBe(true);
    original.forEach((v, i) => expectKept(v, (exported as Json[])[i], `${at}[${i}]`));
  } else expect(exported, at).toEqual(original);
}

function imported(files: readonly (readonly [string, string])[]): Patch {
  const result = importFiles(files, catalog);
  if (!result.ok) throw new Error(result.error);
  return result.patch;
}

function expectRoundTrip(files: readonly (readonly [string, string])[], exported: string): void {
  const out = new Map(docsOf(exported).map((d) => [key(d), d]));
  for (const [file, text] of files)
    for (const d of docsOf(text)) {
      expectKept(d, out.get(key(d)), `${file} ${key(d)}`);
      const spec = d['spec'] as Doc;
      // Selectors exactly, not only contained: a Deployment's is immutable in a cluster.
      expect((out.get(key(d))!['spec'] as Doc)['selector'], `${key(d)} selector`).toEqual(spec['selector']);
    }
  const want = files.flatMap(([, text]) => commentLines(text)).sort();
  expect(commentLines(exported).sort()).toEqual(want);
}

describe('online-boutique manifests (GoogleCloudPlatform/microservices-demo)', () => {
  it('export keeps every field, every selector and every comment', () => {
    const exported = patchToYaml(imported(BOUTIQUE)).text;
    expectRoundTrip(BOUTIQUE, exported);
    expect(commentLines(exported).length).toBeGreaterThan(40);
  });

  it('keeps them through an edit of a replica count in the YAML', () => {
    const patch = imported(BOUTIQUE);
    const text = patchToYaml(patch).text;
    expect(yamlToOps(patch, catalog, text)).toEqual({ ok: true, op: undefined });
    const edited = text.replace('replicas: 3', 'replicas: 2');
    const edit = yamlToOps(patch, catalog, edited);
    if (!edit.ok || !edit.op) throw new Error(JSON.stringify(edit));
    const applied = applyOp(patch, edit.op, catalog);
    if (!applied.ok) throw new Error(applied.error.message);
    const after = patchToYaml(applied.patch).text;
    expect(docsOf(after).find((d) => key(d) === 'Deployment/frontend')!['spec']).toMatchObject({ replicas: 2 });
    expectRoundTrip(
      BOUTIQUE.map(([f, t]) => [f, t.replace('replicas: 3', 'replicas: 2')] as const),
      after,
    );
  });

  it('keeps a comment typed into the YAML panel', () => {
    const patch = imported(BOUTIQUE);
    const text = patchToYaml(patch).text.replace('  replicas: 3', '  # three for the demo\n  replicas: 3');
    const edit = yamlToOps(patch, catalog, text);
    if (!edit.ok || !edit.op) throw new Error(JSON.stringify(edit));
    const applied = applyOp(patch, edit.op, catalog);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(patchToYaml(applied.patch).text).toBe(text);
  });

  it('adds two scheduler Nodes with every Pod placed, and writes no placement for them', () => {
    const result = importFiles(BOUTIQUE, catalog);
    if (!result.ok) throw new Error(result.error);
    const nodes = result.patch.modules.filter((m) => m.type === 'node');
    const pods = result.patch.modules.filter((m) => m.type === 'pod');
    expect(nodes.map((n) => n.data['name'])).toEqual(['node-1', 'node-2']);
    for (const p of pods)
      expect(
        result.patch.cables.filter((c) => c.from.module === p.id && c.from.jack === 'load'),
        String(p.data['name']),
      ).toHaveLength(1);
    expect(result.notices).toEqual([
      expect.stringMatching(/name no Nodes, so 2 Nodes \(node-1, node-2\) were added and the 5 Pods placed/),
    ]);
    expect(patchToYaml(result.patch).text).not.toMatch(/nodeSelector|affinity/);
  });

  it('lays each app out as hello-web: Service and Deployment on top, its Pods under it, apps side by side', () => {
    const { modules } = imported(BOUTIQUE);
    const at = (type: string, name: string) => modules.find((m) => m.type === type && m.data['name'] === name)!;
    const deploy = at('deployment', 'cartservice');
    const svc = at('service', 'cartservice');
    expect(svc.row).toBe(deploy.row);
    expect(svc.hp).toBeLessThan(deploy.hp);
    const pods = modules.filter((m) => m.type === 'pod' && String(m.data['name']).startsWith('frontend'));
    const front = at('deployment', 'frontend');
    for (const p of pods) expect(p.row).toBe(front.row + 1);
    // The apps do not share columns: cartservice's block ends before frontend's starts, or sits in other rows.
    expect(deploy.row !== front.row || deploy.hp + 12 <= at('service', 'frontend').hp || front.hp + 12 <= svc.hp).toBe(true);
  });
});

describe('docker-compose files, whatever they are called', () => {
  it('react-express-mysql (docker/awesome-compose): db gets a Service, command -> args, build -> placeholder, volumes -> PVCs', () => {
    const result = importFiles([['react-express-mysql.yaml', read('react-express-mysql.yaml')]], catalog);
    if (!result.ok) throw new Error(result.error);
    expect(result.compose).toBe(true);
    const docs = docsOf(patchToYaml(result.patch).text);
    const svc = docs.find((d) => key(d) === 'Service/db');
    expect(svc?.['spec']).toMatchObject({ ports: [{ port: 3306, targetPort: 3306 }] });
    const container = (name: string) =>
      (((docs.find((d) => key(d) === `Deployment/${name}`)!['spec'] as Doc)['template'] as Doc)['spec'] as Doc)[
        'containers'
      ] as Doc[];
    expect(container('backend')[0]).toMatchObject({ image: 'build.invalid/backend:latest', args: ['npm', 'run', 'start-watch'] });
    expect(container('db')[0]).toMatchObject({
      args: ['--default-authentication-plugin=mysql_native_password'],
      volumeMounts: [{ name: 'db-data', mountPath: '/var/lib/mysql' }],
    });
    expect(docs.filter((d) => d['kind'] === 'PersistentVolumeClaim').map(key)).toEqual([
      'PersistentVolumeClaim/back-notused',
      'PersistentVolumeClaim/db-data',
    ]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        'Top-level networks (public, private) not imported: every Pod shares the cluster network.',
        'Top-level secrets (db-password) not imported: make them Kubernetes Secrets and mount them.',
        expect.stringMatching(/^backend: builds its image \(build:\), so it runs the placeholder build.invalid\/backend:latest/),
      ]),
    );
    for (const w of result.warnings) expect(w).not.toMatch(/undefined/);
  });

  it('example-voting-app (dockersamples): every service racked, redis published, db on a claim', () => {
    const result = importFiles([['voting-app.docker-compose.yml', read('voting-app.docker-compose.yml')]], catalog);
    if (!result.ok) throw new Error(result.error);
    const docs = docsOf(patchToYaml(result.patch).text);
    expect(docs.filter((d) => d['kind'] === 'Deployment').map(key)).toEqual(
      ['votes', 'result', 'worker', 'redis', 'db'].map((n) => `Deployment/${n}`),
    );
    expect(docs.find((d) => key(d) === 'Service/redis')?.['spec']).toMatchObject({ ports: [{ port: 6379 }] });
    expect(docs.map(key)).toContain('PersistentVolumeClaim/db-data');
    for (const w of result.warnings) expect(w).not.toMatch(/undefined/);
  });
});
