/**
 * A second, dedicated kube-apiserver on the run's etcd, on a port of its own, for the tests that
 * kill an API server (kill -9) and start it again: the run's main API server, and the tests
 * using it, are not disturbed. Same certificates and tokens, so the admin token works on both.
 */
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { binary } from './paths';
import { isRunning, startProcess, type Started } from './processes';
import { apiserverArgs, freePort, get, kubeconfigYaml, waitFor, type ControlPlane } from './start';

export interface ExtraApiserver {
  server: string;
  /** A kubeconfig with one context, `context`, for the admin user on this server. */
  kubeconfig: string;
  context: string;
  /** kill -9 (no graceful shutdown: the open watches break mid-stream). */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits for /readyz. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

let seq = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

export async function startExtraApiserver(cp: ControlPlane, name = 'extra'): Promise<ExtraApiserver> {
  const port = await freePort();
  const server = `https://127.0.0.1:${port}`;
  const context = `synth-${name}-${process.pid}-${++seq}`;
  const kubeconfig = path.join(cp.dir, `${context}.kubeconfig`);
  await writeFile(
    kubeconfig,
    kubeconfigYaml({ context, server, caFile: cp.caFile, user: 'synth-admin', token: cp.tokens.admin }),
  );
  const ca = await readFile(cp.caFile);
  let proc: Started | undefined;
  const up = async () => {
    proc = startProcess(cp.dir, `kube-apiserver-${context}`, binary('kube-apiserver'), apiserverArgs(cp.apiserver, port));
    await waitFor(
      `the extra API server /readyz on ${port}`,
      async () => (await get(server, ca, cp.tokens.admin, '/readyz')) === 200,
      90_000,
      [proc],
    );
  };
  const kill = async () => {
    if (!proc) return;
    const pid = proc.pid;
    proc = undefined;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 100 && isRunning(pid); i++) await sleep(50);
    // A Go server's leader thread shows as a zombie while its other threads still hold the
    // listening socket (connections are reset, not refused): gone means the port refuses.
    for (let i = 0; i < 100 && !(await refused(port)); i++) await sleep(50);
  };
  await up();
  return { server, kubeconfig, context, kill, restart: up, stop: kill };
}
