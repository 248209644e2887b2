/**
 * TLS material for the control plane, made with openssl: a CA, the API server's serving
 * certificate (127.0.0.1 and the in-cluster names) signed by it, and the service-account key
 * pair. Clients authenticate with static tokens (tokens.ts), so no client certificates are needed.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certs {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  saKey: string;
  saPub: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir });
  } catch (error) {
    throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${(error as Error).message}`);
  }
}

export async function makeCerts(dir: string): Promise<Certs> {
  const p = (name: string) => path.join(dir, name);
  const certs: Certs = {
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    serverCert: p('apiserver.crt'),
    serverKey: p('apiserver.key'),
    saKey: p('sa.key'),
    saPub: p('sa.pub'),
  };
  await openssl(
    dir,
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', certs.caKey, '-out', certs.caCert].concat([
      '-days',
      '30',
      '-subj',
      '/CN=k8s-synth-test-ca',
    ]),
  );
  await writeFile(
    p('apiserver.ext'),
    [
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc',
      'extendedKeyUsage=serverAuth',
      'keyUsage=digitalSignature,keyEncipherment',
    ].join('\n') + '\n',
  );
  await openssl(
    dir,
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', certs.serverKey, '-out', p('apiserver.csr')].concat([
      '-subj',
      '/CN=kube-apiserver',
    ]),
  );
  await openssl(
    dir,
    ['x509', '-req', '-in', p('apiserver.csr'), '-CA', certs.caCert, '-CAkey', certs.caKey].concat([
      '-CAcreateserial',
      '-out',
      certs.serverCert,
      '-days',
      '30',
      '-extfile',
      p('apiserver.ext'),
    ]),
  );
  await openssl(dir, ['genrsa', '-out', certs.saKey, '2048']);
  await openssl(dir, ['rsa', '-in', certs.saKey, '-pubout', '-out', certs.saPub]);
  return certs;
}
