/**
 * The command line under hostile and broken input, as real processes: a start that fails exits
 * with its reason, `topology-configmap` never drops a module silently, `synth` keeps Eno's
 * contract (errors as results, exit 0) whatever its stdin holds, and its stdin is bounded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './helpers/cli-process';

const BIN = path.join(REPO, 'bin', 'k8s-synth.mjs');
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', input, timeout: 60_000, maxBuffer: 64 << 20 });
const dir = mkdtempSync(path.join(tmpdir(), 'k8s-synth-hostile-cli-'));

beforeAll(() => ensureBuilt(), 180_000);

describe('a start that fails', () => {
  let busy: Server;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('serve --port <busy port> prints the reason and exits non-zero', async () => {
    const port = (busy.address() as { port: number }).port;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', path.join(dir, 'busy')], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => {
      // Generous: the machine is shared. Today's code never exits at all.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 30_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(stderr).toMatch(/EADDRINUSE/);
    expect(code).not.toBeNull();
    expect(code).not.toBe(0);
  }, 60_000);
});

const patchFile = (name: string, modules: unknown[]) => {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({ format: 'k8s-synth/patch', schemaVersion: 1, rack: { rows: 2, hp: 84 }, modules, cables: [] }),
  );
  return file;
};
const pod = (id: string, hp: number, type = 'pod') => ({ id, type, row: 0, hp, params: {}, data: {} });

describe('topology-configmap', () => {
  it('refuses with exit 1 naming the modules it cannot load (unknown type, overlap), instead of dropping them', () => {
    const file = patchFile('partial.k8spatch', [pod('web', 0), pod('ghost', 20, 'quantum-ingress'), pod('onTop', 0)]);
    const out = cli(['topology-configmap', file]);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/ghost/);
    expect(out.stderr).toMatch(/onTop/);
  });

  it('refuses a FIFO at once', () => {
    const fifo = path.join(dir, 'pipe.k8spatch');
    execFileSync('mkfifo', [fifo]);
    const out = cli(['topology-configmap', fifo]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/not a regular file/);
  });
});

const resourceList = (topologyJson: string) =>
  JSON.stringify({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 't', annotations: { 'eno.azure.io/input-key': 'topology' } },
        data: { 'topology.json': topologyJson },
      },
    ],
  });

describe('synth in eno mode: errors are results, exit 0, always', () => {
  it('a topology with a foreign value nested 3,000 deep', () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const topology = `{"mappingVersion":2,"name":"x","deployments":[],"pods":[{"module":"p","name":"p","pods":[],"container":{"image":"i","ports":[],"env":[],"cpuMillis":0},"nodes":[],"foreign":{"d":${deep}}}],"services":[],"ingresses":[]}`;
    const out = cli(['synth'], resourceList(topology));
    expect(out.status).toBe(0);
    const list = JSON.parse(out.stdout) as { results: { severity: string; message: string }[] };
    expect(list.results[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/over the limit of/) });
  });

  it('one big anchor and 99 aliases on stdin: an error result, not a gigabyte', () => {
    const big = Array.from({ length: 100_000 }, () => '"0123456789"').join(',');
    const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nbig: &big [${big}]\n${Array.from({ length: 99 }, (_, i) => `k${i}: *big`).join('\n')}\nitems: []\n`;
    const out = cli(['synth'], input);
    expect(out.status).toBe(0);
    const list = JSON.parse(out.stdout) as { results: { severity: string; message: string }[] };
    expect(list.results[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/alias/) });
  });

  it('krm mode fails the run on the same input, with the reason on stderr', () => {
    const out = cli(['synth', '--mode', 'krm'], 'a: &a [x,x]\nb: [*a,*a]\nkind: ResourceList\n---\nc: *a\n');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/alias|document/i);
  });
});
