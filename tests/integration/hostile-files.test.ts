/**
 * Hostile and broken input through the real rack (dispatcher, files on disk, autosave, SQLite):
 * devices and FIFOs at every file entry point, deep and huge documents, a data record that could
 * not be loaded back, and the clear errors each gets instead of a crash, a hang or a generic
 * "failed unexpectedly".
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INPUT_BUDGET } from '../../main/patch/input-budget';
import type { Notice } from '../../preload/contract';
import { ManualClock } from '../../main/time/clock';
import type { AppTime } from '../../main/time/app-time';
import { ManualTimers } from '../helpers/manual-timers';
import { TEST_AUTOSAVE_MS, tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rack(options: { dataDir?: string; file?: string; time?: Partial<AppTime> } = {}) {
  const { dir, remove } = await tempDir();
  const { rack, errors } = await testRack(dir, options);
  const notices: Notice[] = [];
  rack.hub.on('notice', (n) => notices.push(n));
  cleanups.push(remove, () => rack.close());
  return {
    dir,
    rack,
    errors,
    notices,
    call: (name: string, input: unknown) => rack.dispatcher.dispatch(name, input) as Promise<Record<string, unknown>>,
  };
}

const patchText = (modules = '[]') =>
  `{"format":"k8s-synth/patch","schemaVersion":1,"rack":{"rows":2,"hp":84},"modules":${modules},"cables":[]}`;
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A FIFO nobody writes to: reading it the plain way never returns. */
function fifo(dir: string): string {
  const file = path.join(dir, 'pipe.k8spatch');
  execFileSync('mkfifo', [file]);
  return file;
}

describe('file entry points refuse what is not a regular file', () => {
  it.each([
    ['file.open', (p: string) => ({ path: p })],
    ['yaml.import', (p: string) => ({ path: p })],
    ['performance.import', (p: string) => ({ path: p })],
  ])('%s refuses /dev/zero and a FIFO at once, and saving still works after four FIFO opens', async (name, input) => {
    const { dir, call } = await rack();
    const pipe = fifo(dir);
    const started = Date.now();
    for (const target of ['/dev/zero', pipe]) {
      const result = await call(name, input(target));
      expect(result).toEqual({ ok: false, error: expect.stringContaining('not a regular file') });
    }
    // Four pending FIFO opens used up libuv's file threads: a save would hang behind them.
    await Promise.all([1, 2, 3, 4].map(() => call(name, input(pipe))));
    expect(await call('file.save', { path: path.join(dir, 'after.k8spatch') })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('patch files', () => {
  it('opens a file that starts with a byte-order mark', async () => {
    const { dir, call } = await rack();
    const file = path.join(dir, 'bom.k8spatch');
    await writeFile(file, `\ufeff${patchText()}`);
    expect(await call('file.open', { path: file })).toMatchObject({ ok: true });
  });

  it('warns when a file is not valid UTF-8', async () => {
    const { dir, call } = await rack();
    const file = path.join(dir, 'latin1.k8spatch');
    const text = patchText('[{"id":"m0","type":"pod","row":0,"hp":0,"params":{},"data":{"note":"caf\u00e9"}}]');
    await writeFile(file, Buffer.from(text, 'latin1'));
    const result = await call('file.open', { path: file });
    expect(result).toMatchObject({ ok: true, warnings: [expect.stringContaining('not valid UTF-8')] });
  });

  it('refuses a 10 KB file with one array nested 5,000 deep, and the app keeps running', async () => {
    const { dir, call, rack: r } = await rack();
    const file = path.join(dir, 'deep.k8spatch');
    await writeFile(file, patchText(`[{"id":"x","type":"nope","deep":${deep(5000)}}]`));
    const result = await call('file.open', { path: file });
    expect(result).toEqual({ ok: false, error: expect.stringContaining(`over the limit of ${INPUT_BUDGET.documentDepth}`) });
    await r.autosave.flush();
  });
});

describe('module data', () => {
  it('set-data past the data limit is refused; what is accepted is autosaved and restored on the next start', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const dataDir = path.join(dir, 'data');
    const first = await testRack(dir, { dataDir });
    const call = (name: string, input: unknown) =>
      first.rack.dispatcher.dispatch(name, input) as Promise<Record<string, unknown>>;
    await call('patch.apply', {
      op: { type: 'add-module', module: { id: 'p', type: 'pod', row: 0, hp: 0, params: {}, data: {} } },
      source: 'ui',
    });
    const nested = (depth: number) => JSON.parse(deep(depth)) as unknown;
    const refused = await call('patch.apply', {
      op: { type: 'set-data', id: 'p', data: { v: nested(2000) } },
      source: 'ui',
    }).catch((e: Error) => ({ thrown: e.message }));
    expect(JSON.stringify(refused)).toMatch(/over the limit of/);
    await call('patch.apply', {
      op: { type: 'set-data', id: 'p', data: { v: nested(INPUT_BUDGET.dataDepth) } },
      source: 'ui',
    });
    await first.rack.close();
    const second = await testRack(dir, { dataDir });
    cleanups.push(() => second.rack.close());
    expect(second.rack.session.patch.modules.map((m) => m.id)).toEqual(['p']);
    expect(existsSync(path.join(dataDir, 'autosave.json'))).toBe(true);
  });
});

describe('requests get their own error, never "failed unexpectedly"', () => {
  it('a batch nested 1,000 deep is invalid input, and the reason is logged', async () => {
    const { call } = await rack();
    let op: unknown = { type: 'set-rack', rack: { rows: 2, hp: 84 } };
    for (let i = 0; i < 1000; i++) op = { type: 'batch', ops: [op] };
    const error = await call('patch.apply', { op, source: 'ui' }).then(
      () => undefined,
      (e: { code?: string; message: string }) => e,
    );
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('over the limit of') });
  });

  it.each([
    [
      'billion laughs',
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
    ],
    ['deep flow YAML', `${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['deep block YAML', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n'],
    ['aliases across documents', 'a: &x 1\n---\nb: *x\n'],
    [
      'one big anchor and 99 aliases',
      `big: &big [${Array.from({ length: 20000 }, () => '"0123456789"').join(',')}]\n` +
        Array.from({ length: 99 }, (_, i) => `k${i}: *big`).join('\n') +
        '\n',
    ],
  ])('yaml.import of %s is a clear error', async (_name, text) => {
    const { dir, call } = await rack();
    const file = path.join(dir, 'input.yaml');
    await writeFile(file, text);
    const result = await call('yaml.import', { path: file });
    expect(result).toEqual({ ok: false, error: expect.not.stringContaining('unexpectedly') });
    expect(result['error']).toMatch(/limit|alias|anchor|nested/i);
  });
});

describe('the autosave timer', () => {
  it('a patch that cannot be written gives a notice and keeps the last good autosave; the process lives', async () => {
    // The rack's timers are manual: the autosave's debounce runs out when the test says so.
    const clock = new ManualClock(Date.now());
    const timers = new ManualTimers(clock);
    const { rack: r, notices } = await rack({ time: { wall: clock, timers } });
    await r.dispatcher.dispatch('patch.apply', {
      op: { type: 'add-module', module: { id: 'p', type: 'pod', row: 0, hp: 0, params: {}, data: {} } },
      source: 'ui',
    });
    await r.autosave.flush();
    const good = await readFile(r.autosave.file, 'utf8');
    // A serialiser fault (what a too-deep value did): the timer must catch it.
    const original = r.documents.document.bind(r.documents);
    r.documents.document = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    await r.dispatcher.dispatch('patch.apply', { op: { type: 'move-module', id: 'p', row: 0, hp: 10 }, source: 'ui' });
    expect(notices.map((n) => n.message).join()).not.toMatch(/Autosave/);
    timers.advance(TEST_AUTOSAVE_MS);
    await r.autosave.flush();
    r.documents.document = original;
    expect(notices.map((n) => n.message).join()).toMatch(/Autosave/);
    expect(await readFile(r.autosave.file, 'utf8')).toBe(good);
  });
});

describe('the autosave at start', () => {
  it('a FIFO in place of autosave.json is set aside and the app starts', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir);
    execFileSync('mkfifo', [path.join(dataDir, 'autosave.json')]);
    const { rack: r } = await testRack(dir, { dataDir });
    cleanups.push(() => r.close());
    expect(r.session.patch.modules).toEqual([]);
    expect((await readdir(dataDir)).some((name) => name.startsWith('autosave.corrupt-'))).toBe(true);
  });
});

describe('__proto__ and constructor keys', () => {
  it.each(['__proto__', 'constructor'])(
    'a manifest with a %s key is either refused by name or loads again after a restart',
    async (key) => {
      const { dir, remove } = await tempDir();
      cleanups.push(remove);
      const dataDir = path.join(dir, 'data');
      const file = path.join(dir, 'proto.yaml');
      await writeFile(file, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  ${key}: {a: "1"}\n  ok: "y"\n`);
      const first = await testRack(dir, { dataDir });
      const result = (await first.rack.dispatcher.dispatch('yaml.import', { path: file })) as { ok: boolean; error?: string };
      const before = first.rack.session.patch.modules;
      await first.rack.close();
      if (!result.ok) {
        expect(result.error).toContain(`"${key}"`);
        return;
      }
      const notices: Notice[] = [];
      const second = await testRack(dir, { dataDir });
      cleanups.push(() => second.rack.close());
      second.rack.hub.on('notice', (n) => notices.push(n));
      // Not only there again: equal, so no key was dropped on the way.
      expect(JSON.stringify(second.rack.session.patch.modules)).toBe(JSON.stringify(before));
    },
  );
});
