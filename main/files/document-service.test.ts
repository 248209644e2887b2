import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import type { FileState, Notice } from '../../preload/contract';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import { DocumentService, withExtension } from './document-service';
import { RecentFiles } from './recent-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'documents-unit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function setup() {
  const session = new Session(testCatalog(), new ManualClock());
  const notices: Notice[] = [];
  const states: FileState[] = [];
  const documents = new DocumentService({
    session,
    catalog: session.catalog,
    recent: new RecentFiles(dir),
    resourcesDir: dir,
    notify: (n) => notices.push(n),
  });
  documents.subscribe((s) => states.push(s));
  const add = (id: string, hp: number) =>
    session.apply({ type: 'add-module', module: { id, type: 'src', row: 0, hp, params: {}, data: {} } }, { source: 'ui' });
  return { session, documents, notices, states, add };
}

describe('DocumentService', () => {
  it('tracks dirty from edits and saves, announcing only flips', async () => {
    const { documents, states, add } = setup();
    add('a', 0);
    add('b', 10);
    expect(states.map((s) => s.dirty)).toEqual([true]);
    await documents.save(path.join(dir, 'one'));
    expect(documents.state()).toMatchObject({ path: path.join(dir, 'one.k8spatch'), dirty: false });
    add('c', 20);
    expect(states.map((s) => s.dirty)).toEqual([true, false, true]);
  });

  it('keeps entries it cannot load, reports them in one notice, and writes them back', async () => {
    const { documents, notices, session } = setup();
    const file = path.join(dir, 'mixed.k8spatch');
    const unknownModule = { id: 'future', type: 'quantum-pod', row: 1, hp: 0, params: {}, data: { spin: 'up' } };
    await writeFile(
      file,
      JSON.stringify({
        format: 'k8s-synth/patch',
        schemaVersion: 1,
        rack: { rows: 2, hp: 84 },
        modules: [{ id: 's', type: 'src', row: 0, hp: 0, params: {}, data: {} }, unknownModule],
        cables: [{ id: 'c1', from: { module: 'future', jack: 'out' }, to: { module: 's', jack: 'in' }, color: '#ff0000' }],
      }),
    );
    const outcome = await documents.open(file);
    expect(outcome).toMatchObject({ ok: true, warnings: [expect.stringContaining('quantum-pod')] });
    expect(notices).toEqual([
      { level: 'warning', message: expect.stringContaining('mixed.k8spatch opened, but one entry could not be shown') },
    ]);
    expect(session.patch.modules.map((m) => m.id)).toEqual(['s']);
    await documents.save();
    const written = JSON.parse(await readFile(file, 'utf8')) as { unloaded: { modules: unknown[]; cables: unknown[] } };
    expect(written.unloaded.modules).toEqual([unknownModule]);
    expect(written.unloaded.cables).toHaveLength(1);
  });

  it('refuses to save an untitled patch without a path, and reports write errors', async () => {
    const { documents } = setup();
    expect(await documents.save()).toEqual({ ok: false, error: expect.stringContaining('no file yet') });
    const result = await documents.save(path.join(dir, 'missing-folder', 'x.k8spatch'));
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/Could not save x\.k8spatch: no such file or folder \(ENOENT\)/),
    });
    expect(documents.state()).toMatchObject({ path: null });
  });

  it('opens a folder or a huge path with a clear error and changes nothing', async () => {
    const { documents, add, session } = setup();
    add('a', 0);
    const before = session.patch;
    expect(await documents.open(dir)).toEqual({ ok: false, error: expect.stringContaining('is a folder') });
    expect(session.patch).toBe(before);
    expect(documents.state().dirty).toBe(true);
  });

  it('appends .k8spatch only when missing', () => {
    expect(withExtension('/a/b')).toBe('/a/b.k8spatch');
    expect(withExtension('/a/b.K8SPATCH')).toBe('/a/b.K8SPATCH');
    expect(withExtension('/a/b.json')).toBe('/a/b.json.k8spatch');
  });
});
