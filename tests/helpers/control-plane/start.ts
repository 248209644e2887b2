/**
 * Starts a real control plane on 127.0.0.1 from the built binaries: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and kwok (two fake Nodes that run Pods without a
 * kubelet). Clients use static tokens: an admin, a reader that RBAC lets only get/list/watch, and
 * the components' own users. Everything started is recorded (state.json) and stopped by pid.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

import { makeCerts } from './certs';
import { binary, kwokStagesFile, BINARIES, binDir } from './paths';
import { isRunning, startProcess, stopProcess, tail, type Started } from './processes';

export interface ControlPlane {
  dir: string;
  server: string;
  caFile: string;
  /** kubeconfig files with one context each: admin (all rights) and reader (get/list/watch only). */
  kubeconfig: { admin: string; reader: string };
  tokens: { admin: string; reader: string };
  processes: Started[];
  /** What another kube-apiserver on the same etcd needs (extra-apiserver.ts). */
  apiserver: ApiserverConfig;
}

/** The shared parts of a kube-apiserver's command line: etcd, certificates, tokens. */
export interface ApiserverConfig {
  etcdUrl: string;
  serverCert: string;
  serverKey: string;
  caCert: string;
  tokenFile: string;
  saPub: string;
  saKey: string;
  issuer: string;
}

export function apiserverArgs(c: ApiserverConfig, port: number): string[] {
  return [
    `--etcd-servers=${c.etcdUrl}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    '--advertise-address=127.0.0.1',
    '--endpoint-reconciler-type=none',
    `--tls-cert-file=${c.serverCert}`,
    `--tls-private-key-file=${c.serverKey}`,
    `--client-ca-file=${c.caCert}`,
    `--token-auth-file=${c.tokenFile}`,
    `--service-account-issuer=${c.issuer}`,
    `--service-account-key-file=${c.saPub}`,
    `--service-account-signing-key-file=${c.saKey}`,
    // /16: the bench applies hundreds of Services per run; a /24 runs out of addresses.
    '--service-cluster-ip-range=10.0.0.0/16',
    '--authorization-mode=Node,RBAC',
    '--allow-privileged=true',
  ];
}

export const ADMIN_CONTEXT = 'synth-admin';
export const READER_CONTEXT = 'synth-reader';
export const FAKE_NODES = ['kwok-node-1', 'kwok-node-2'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const token = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A kubeconfig with one context; a token user. */
export function kubeconfigYaml(o: {
  context: string;
  server: string;
  caFile: string;
  user: string;
  token: string;
  namespace?: string;
}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${o.context}`,
    'clusters:',
    `- name: ${o.context}`,
    '  cluster:',
    `    server: ${o.server}`,
    `    certificate-authority: ${o.caFile}`,
    'users:',
    `- name: ${o.user}`,
    '  user:',
    `    token: ${o.token}`,
    'contexts:',
    `- name: ${o.context}`,
    '  context:',
    `    cluster: ${o.context}`,
    `    user: ${o.user}`,
    ...(o.namespace ? [`    namespace: ${o.namespace}`] : []),
    '',
  ].join('\n');
}

export function get(server: string, ca: Buffer, bearer: string, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = https.get(`${server}${urlPath}`, { ca, headers: { authorization: `Bearer ${bearer}` }, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

export async function waitFor(
  what: string,
  test: () => Promise<boolean>,
  deadlineMs: number,
  processes: Started[],
): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (await test()) return;
    const dead = processes.find((p) => !isRunning(p.pid));
    if (dead) throw new Error(`${dead.name} exited while waiting for ${what}:\n${tail(dead.log)}`);
    await sleep(200);
  }
  throw new Error(`timed out after ${deadlineMs / 1000} s waiting for ${what}`);
}

/** The RBAC of the reader token: get/list/watch on everything, nothing else. */
const READER_RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: synth-reader}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: synth-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: synth-reader}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: synth-reader}
`;

const fakeNode = (name: string) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: {kwok.x-k8s.io/node: fake}
  labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux, type: kwok}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
`;

export async function startControlPlane(dir: string, options: { port?: number } = {}): Promise<ControlPlane> {
  const missing = BINARIES.filter((b) => !existsSync(binary(b)));
  if (missing.length)
    throw new Error(
      `control plane not built (${missing.join(', ')} missing in ${binDir()}): run node scripts/control-plane.mjs build`,
    );
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const certs = await makeCerts(dir);
  const [etcdPort, peerPort, apiPort, kcmPort, schedPort] = await Promise.all([
    freePort(),
    freePort(),
    options.port ?? freePort(),
    freePort(),
    freePort(),
  ]);
  const server = `https://127.0.0.1:${apiPort}`;
  const tokens = { admin: token(), reader: token(), kcm: token(), scheduler: token() };
  const tokenFile = path.join(dir, 'tokens.csv');
  await writeFile(
    tokenFile,
    [
      `${tokens.admin},synth-admin,uid-admin,"system:masters"`,
      `${tokens.reader},synth-reader,uid-reader`,
      `${tokens.kcm},system:kube-controller-manager,uid-kcm`,
      `${tokens.scheduler},system:kube-scheduler,uid-scheduler`,
    ].join('\n') + '\n',
  );
  const kc = (name: string, user: string, t: string) => {
    const file = path.join(dir, `${name}.kubeconfig`);
    return writeFile(file, kubeconfigYaml({ context: name, server, caFile: certs.caCert, user, token: t })).then(() => file);
  };
  const kubeconfig = {
    admin: await kc(ADMIN_CONTEXT, 'synth-admin', tokens.admin),
    reader: await kc(READER_CONTEXT, 'synth-reader', tokens.reader),
  };
  const kcmConfig = await kc('kcm', 'kcm', tokens.kcm);
  const schedConfig = await kc('scheduler', 'scheduler', tokens.scheduler);

  const apiserver: ApiserverConfig = {
    etcdUrl: `http://127.0.0.1:${etcdPort}`,
    serverCert: certs.serverCert,
    serverKey: certs.serverKey,
    caCert: certs.caCert,
    tokenFile,
    saPub: certs.saPub,
    saKey: certs.saKey,
    issuer: server,
  };
  const processes: Started[] = [];
  const state = path.join(dir, 'state.json');
  const record = () => writeFile(state, JSON.stringify({ server, processes, kubeconfig }, null, 2));
  try {
    processes.push(
      startProcess(dir, 'etcd', binary('etcd'), [
        '--name=synth',
        `--data-dir=${path.join(dir, 'etcd-data')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=synth=http://127.0.0.1:${peerPort}`,
        '--unsafe-no-fsync',
      ]),
    );
    await record();
    processes.push(startProcess(dir, 'kube-apiserver', binary('kube-apiserver'), apiserverArgs(apiserver, apiPort)));
    await record();
    const ca = await readFile(certs.caCert);
    await waitFor(
      'the API server /readyz',
      async () => (await get(server, ca, tokens.admin, '/readyz')) === 200,
      60_000,
      processes,
    );
    const common = (config: string, port: number) => [
      `--kubeconfig=${config}`,
      `--authentication-kubeconfig=${config}`,
      `--authorization-kubeconfig=${config}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      '--leader-elect=false',
    ];
    processes.push(
      startProcess(dir, 'kube-controller-manager', binary('kube-controller-manager'), [
        ...common(kcmConfig, kcmPort),
        '--use-service-account-credentials',
        `--service-account-private-key-file=${certs.saKey}`,
        `--root-ca-file=${certs.caCert}`,
        `--cluster-signing-cert-file=${certs.caCert}`,
        `--cluster-signing-key-file=${certs.caKey}`,
      ]),
      startProcess(dir, 'kube-scheduler', binary('kube-scheduler'), common(schedConfig, schedPort)),
      startProcess(dir, 'kwok', binary('kwok'), [
        `--kubeconfig=${kubeconfig.admin}`,
        `--config=${kwokStagesFile()}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--cidr=10.244.0.0/16',
        '--node-ip=10.1.0.1',
      ]),
    );
    await record();
    await kubectl(kubeconfig.admin, ['apply', '-f', '-'], READER_RBAC + FAKE_NODES.map((n) => '---\n' + fakeNode(n)).join(''));
    await waitFor(
      'the default ServiceAccount (made by the controller-manager)',
      async () => (await get(server, ca, tokens.admin, '/api/v1/namespaces/default/serviceaccounts/default')) === 200,
      90_000,
      processes,
    );
    return {
      dir,
      server,
      caFile: certs.caCert,
      kubeconfig,
      tokens: { admin: tokens.admin, reader: tokens.reader },
      processes,
      apiserver,
    };
  } catch (error) {
    await stopAll(processes);
    throw error;
  }
}

export async function stopAll(processes: readonly Started[]): Promise<void> {
  // Reverse order: the clients first, etcd last.
  for (const p of [...processes].reverse()) await stopProcess(p.pid);
}

/** Stops what a `start` in `dir` recorded; false when nothing was recorded there. */
export async function stopRecorded(dir: string): Promise<boolean> {
  const state = path.join(dir, 'state.json');
  if (!existsSync(state)) return false;
  const { processes } = JSON.parse(await readFile(state, 'utf8')) as { processes: Started[] };
  await stopAll(processes);
  await rm(state, { force: true });
  return true;
}

/** Runs the built kubectl 1.37 (the tests' outside witness); resolves to stdout. */
export async function kubectl(kubeconfig: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      binary('kubectl'),
      [`--kubeconfig=${kubeconfig}`, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`kubectl ${args.join(' ')}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}
