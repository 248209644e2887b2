/**
 * `k8s-synth virtual-rack` as a user runs it (the built bin): ready lines, a host talking to the
 * printed path, --verbose, scripts and performances with --exit, clean exit on SIGINT, and errors
 * that say what to fix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostEnd } from '../../main/hardware/virtual-rack/testing/host-end';
import { fixturePerformanceFile } from '../../main/hardware/virtual-rack/testing/performance-fixture';
import { ensureBuilt, REPO } from './helpers/cli-process';
import { moduleCatalog } from '../helpers/module-catalog';

const READY = /^virtual rack "([^"]+)" ready: (\S+)$/gm;

interface RackProcess {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  /** Resolves with name → path once `count` ready lines are out. */
  ready: (count: number) => Promise<Map<string, string>>;
}

const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => ensureBuilt(), 120_000);
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function virtualRack(args: string[]): Promise<RackProcess> {
  dir = await mkdtemp(path.join(tmpdir(), 'vrack-cli-'));
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'k8s-synth.mjs'), 'virtual-rack', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = (count: number) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready lines within 15 s; stderr:\n${err}`)), 15_000);
      const check = () => {
        const lines = [...out.matchAll(READY)];
        if (lines.length < count) return;
        clearTimeout(timer);
        resolve(new Map(lines.map((m) => [m[1]!, m[2]!])));
      };
      child.stdout!.on('data', check);
      void exited.then((code) => reject(new Error(`exited (${code}) before it was ready; stderr:\n${err}`)));
      check();
    });
  return { child, out: () => out, err: () => err, exited, ready };
}

async function hello(p: string): Promise<HostEnd> {
  const host = await HostEnd.open(p);
  await host.handshake();
  return host;
}

describe('k8s-synth virtual-rack', () => {
  it('prints a ready line per case, talks protocol on that path, and exits cleanly on SIGINT', async () => {
    const run = await virtualRack(['--modules', 'pod@0,deployment@8', '--name', 'desk']);
    const paths = await run.ready(1);
    const appPath = paths.get('desk')!;
    const host = await hello(appPath);
    expect(host.frames.at(-1)!.message).toMatchObject({ kind: 'hello', name: 'desk' });
    await host.close();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(existsSync(appPath)).toBe(false);
    expect(existsSync(`${appPath}-rack`)).toBe(false);
  });

  it('plays scripts at once with --exit, showing the commands it receives with --verbose', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vrack-cli-'));
    const script = path.join(dir, 'show.rack');
    const other = path.join(dir, 'other.rack');
    await writeFile(script, 'say start\nwait 800ms\nunplug 18.claim-3 60.life\nwait 300ms\nsay end\n');
    await writeFile(other, 'wait 900ms\nsay meanwhile\n');
    const run = await virtualRack([
      '--case',
      path.join(REPO, 'resources/virtual-rack/hello-web.json'),
      '--script',
      script,
      '--script',
      other,
      '--exit',
      '--verbose',
    ]);
    const host = await hello((await run.ready(1)).get('hello-web')!);
    host.send({ kind: 'set-led', slot: 44, led: 0, level: 255, mode: 'steady', rgb: [0, 0, 0] });
    const off = await host.next('cable-off');
    expect(off.message).toEqual({ kind: 'cable-off', from: { slot: 18, jack: 3 }, to: { slot: 60, jack: 0 } });
    expect(await run.exited).toBe(0);
    await host.close();
    const said = run
      .out()
      .split('\n')
      .filter((line) => ['start', 'meanwhile', 'end'].includes(line));
    expect(said).toEqual(['start', 'meanwhile', 'end']);
    expect(run.out()).toMatch(/^\[hello-web\] ← set-led/m);
  });

  it('plays a recorded performance on the cases of its starting patch', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vrack-cli-'));
    const file = path.join(dir, 'fixture.k8sperf');
    await writeFile(file, fixturePerformanceFile(moduleCatalog()));
    const run = await virtualRack(['--performance', file, '--exit', '--dir', dir]);
    const paths = await run.ready(1);
    expect([...paths.keys()]).toEqual(['rack-aabbcc']);
    const host = await hello(paths.get('rack-aabbcc')!);
    // The last recorded op (at 0.5 s) pulls the pod inserted at 0.15 s, after the cable went in.
    await host.next('module-gone', 0, 5_000);
    const kinds = host.frames.map((f) => f.message.kind).filter((k) => k !== 'heartbeat' && k !== 'hello');
    expect(kinds.slice(kinds.indexOf('module-info'))).toEqual([
      'module-info',
      'knob',
      'cable-on',
      'cable-off',
      'cable-off',
      'module-gone',
    ]);
    await host.close();
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/left out 1 × move-module ops/);
  });

  it.each([
    [[], 2, /say which cases to emulate/],
    [['--modules', 'pod@0', '--case', 'x.json'], 2, /--case or --modules, not both/],
    [['--modules', 'synth@0'], 2, /unknown module type "synth"/],
    [['--modules', 'pod@0', '--exit'], 2, /--exit needs a --script/],
    [['--case', 'missing.json'], 1, /missing\.json: ENOENT/],
  ])('refuses %j (exit %i)', async (args, code, message) => {
    const run = await virtualRack(args as string[]);
    expect(await run.exited).toBe(code);
    expect(run.err()).toMatch(message);
  });

  it('names the line of a script error before it starts anything', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vrack-cli-'));
    const script = path.join(dir, 'bad.rack');
    await writeFile(script, 'wait 10\nturn 0 cpu 9000m\n');
    const run = await virtualRack(['--modules', 'pod@0', '--script', script]);
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/bad\.rack:\n {2}line 2: knob "cpu" takes 0m\.\.4000m/);
    expect(run.out()).toBe('');
  });
});
