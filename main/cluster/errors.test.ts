import { describe, expect, it } from 'vitest';
import { describeClusterError } from './errors';

const ctx = { context: 'prod', server: 'https://10.0.0.5:6443', user: 'alice' };
const api = (code: number, status: object) => Object.assign(new Error(`HTTP ${code}`), { code, body: JSON.stringify(status) });
const sys = (code: string) => Object.assign(new Error('request failed, reason: x'), { code });

describe('server errors -> messages', () => {
  it.each([
    [
      sys('ECONNREFUSED'),
      ctx,
      'Cannot reach 10.0.0.5:6443 for context prod: the connection was refused. Is the cluster running, and is the server URL in the kubeconfig right?',
    ],
    [
      sys('ENOTFOUND'),
      ctx,
      'Cannot reach 10.0.0.5:6443 for context prod: the host name does not resolve. Is the cluster running, and is the server URL in the kubeconfig right?',
    ],
    [
      sys('SELF_SIGNED_CERT_IN_CHAIN'),
      ctx,
      "TLS to 10.0.0.5:6443 failed for context prod: the server's certificate is signed by a CA this context's certificate-authority does not contain (SELF_SIGNED_CERT_IN_CHAIN). Check certificate-authority in the kubeconfig, or whether the server URL is the right one.",
    ],
    [
      api(401, { reason: 'Unauthorized' }),
      { ...ctx, execCommand: 'aws' },
      'The server of context prod (10.0.0.5:6443) rejected the credentials of user alice (401 Unauthorized): they have expired or were revoked. The credentials come from the exec plugin "aws": run it (or log in with its tool) again.',
    ],
    [
      api(403, {
        message:
          'deployments.apps "web" is forbidden: User "alice" cannot patch resource "deployments" in API group "apps" in the namespace "shop"',
      }),
      ctx,
      "User alice may not patch deployments.apps in namespace shop on context prod (10.0.0.5:6443) (403 Forbidden). Ask the cluster's admin for a Role that allows it, or use another context.",
    ],
    [
      api(404, { reason: 'NotFound', details: { name: 'shpo', kind: 'namespaces' } }),
      ctx,
      'Namespace shpo does not exist in context prod (10.0.0.5:6443): pick or type another namespace, or create it first.',
    ],
    [
      sys('ENOENT'),
      { ...ctx, execCommand: 'kubelogin', execLooked: ['/usr/bin', '/bin'] },
      'The exec credential plugin "kubelogin" of user alice was not found. Looked in: /usr/bin, /bin. Install it, or put its folder on the PATH of your login shell.',
    ],
  ])('%#: %s', (error, context, message) => {
    expect(describeClusterError(error, context)).toBe(message);
  });

  it('never copies a raw error body into the message', () => {
    const leaky = Object.assign(new Error('HTTP 500 headers: {"authorization":"Bearer s3cret"}'), {
      code: 500,
      body: '{"message":"boom"}',
    });
    expect(describeClusterError(leaky, ctx)).not.toContain('s3cret');
  });
});
