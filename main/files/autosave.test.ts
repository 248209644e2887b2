import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { ManualTimers } from '../../tests/helpers/manual-timers';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import { Autosave } from './autosave';
import { DocumentService } from './document-service';
import { RecentFiles } from './recent-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'autosave-unit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup() {
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const session = new Session(testCatalog(), new ManualClock());
  const documents = new DocumentService({
    session,
    catalog: session.catalog,
    recent: new RecentFiles(dir),
    resourcesDir: dir,
    notify: () => undefined,
  });
  const autosave = new Autosave({
    dataDir: dir,
    session,
    documents,
    notify: () => undefined,
    delayMs: 1000,
    maxDelayMs: 15000,
    clock,
    timers,
  });
  autosave.start();
  const edit = (n: number) => session.apply({ type: 'set-rack', rack: { rows: 2, hp: 80 + (n % 2) } }, { source: 'ui' });
  const saved = async () => {
    try {
      return JSON.parse(await readFile(autosave.file, 'utf8')) as { savedAt: string; dirty: boolean };
    } catch {
      return undefined;
    }
  };
  return { autosave, edit, saved, timers };
}

describe('Autosave timing', () => {
  it('writes once, 1 s after the last change', async () => {
    const { autosave, edit, saved, timers } = setup();
    edit(1);
    timers.advance(600);
    edit(2);
    timers.advance(600);
    // Still waiting: one timer pending, nothing written (flush would force the write).
    expect(timers.pending).toBe(1);
    expect(await saved()).toBeUndefined();
    timers.advance(400);
    expect(timers.pending).toBe(0);
    await autosave.flush();
    expect(await saved()).toMatchObject({ dirty: true });
  });

  it('still writes every 15 s while changes never stop', async () => {
    const { autosave, edit, saved, timers } = setup();
    for (let t = 0; t < 15_000; t += 500) {
      edit(t / 500);
      timers.advance(500);
    }
    // The timer fired at 15 s although the last change was 500 ms ago.
    expect(timers.pending).toBe(0);
    await autosave.flush();
    expect(await saved()).toBeDefined();
  });

  it('flush writes a pending change at once', async () => {
    const { autosave, edit, saved } = setup();
    edit(1);
    await autosave.flush();
    expect(await saved()).toMatchObject({ savedAt: new Date(0).toISOString() });
  });
});
