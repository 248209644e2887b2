/**
 * The YAML requests through the real rack (dispatcher, DocumentService, files on disk): the diff
 * base of a saved file, imports of a manifest folder and a compose file, and their faults.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli-process';
import { tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rack(file?: string) {
  const { dir, remove } = await tempDir();
  const { rack } = await testRack(dir, file ? { file } : {});
  cleanups.push(remove, () => rack.close());
  return {
    dir,
    call: (name: string, input: unknown) => rack.dispatcher.dispatch(name, input) as Promise<Record<string, unknown>>,
  };
}

describe('yaml.saved', () => {
  it('says there is nothing to compare with for an untitled patch', async () => {
    const { call } = await rack();
    expect(await call('yaml.saved', {})).toEqual({ ok: false, error: expect.stringMatching(/not saved yet/) as unknown });
  });

  it('returns the saved patch of the open file', async () => {
    const { dir: scratch, remove } = await tempDir();
    cleanups.push(remove);
    const file = path.join(scratch, 'hello.k8spatch');
    await copyFile(path.join(REPO, 'resources/examples/hello-web.k8spatch'), file);
    const { call } = await rack(file);
    const saved = await call('yaml.saved', {});
    expect(saved).toMatchObject({ ok: true, path: file });
    expect((saved['patch'] as { modules: unknown[] }).modules).toHaveLength(10);
  });
});

describe('yaml.import', () => {
  it('imports a folder of manifests as a new untitled patch', async () => {
    const { dir, call } = await rack();
    const folder = path.join(dir, 'manifests');
    await mkdir(folder);
    await writeFile(
      path.join(folder, 'a-deploy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api, image: "ghcr.io/acme/api:1"}]}\n',
    );
    await writeFile(
      path.join(folder, 'b-svc.yml'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n',
    );
    await writeFile(path.join(folder, 'notes.txt'), 'not a manifest');
    const result = await call('yaml.import', { path: folder });
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      notices: [expect.stringMatching(/name no Nodes, so 2 Nodes/)],
      file: { path: null, dirty: true },
    });
    const { patch } = (await call('patch.get', {})) as unknown as { patch: { modules: { type: string }[] } };
    expect(patch.modules.map((m) => m.type).sort()).toEqual(['deployment', 'node', 'node', 'pod', 'pod', 'service']);
  });

  it('imports a compose file by its content, whatever it is called, and lists what it could not carry over', async () => {
    const { dir, call } = await rack();
    const file = path.join(dir, 'stack-dev.yml');
    await writeFile(file, 'services:\n  web:\n    build: .\n    image: web:dev\n    ports: ["80"]\n');
    expect(await call('yaml.import', { path: file })).toMatchObject({
      ok: true,
      warnings: ['web: build ignored: the image web:dev is used.'],
    });
  });

  it('refuses a missing path, an empty folder and broken YAML, and changes nothing', async () => {
    const { dir, call } = await rack();
    const before = await call('patch.get', {});
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'broken.yaml'), 'kind: Deployment\n  bad: [\n');
    expect(await call('yaml.import', { path: path.join(dir, 'nope.yaml') })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Could not import nope\.yaml: /) as unknown,
    });
    expect(await call('yaml.import', { path: path.join(dir, 'empty') })).toEqual({
      ok: false,
      error: expect.stringMatching(/has no \.yaml, \.yml or \.json files/) as unknown,
    });
    expect(await call('yaml.import', { path: path.join(dir, 'broken.yaml') })).toEqual({
      ok: false,
      error: expect.stringMatching(/broken\.yaml, document 1: /) as unknown,
    });
    expect(await call('patch.get', {})).toEqual(before);
  });

  it('validates its input like every request (the renderer is untrusted)', async () => {
    const { call } = await rack();
    await expect(call('yaml.import', { path: '' })).rejects.toThrow(/Invalid input for "yaml.import"/);
    await expect(call('yaml.saved', { extra: 1 })).rejects.toThrow(/Invalid input/);
  });
});
