import { describe, expect, it } from 'vitest';
import { kubeconfigPaths, mergeKubeconfigs, singleContextConfig } from './kubeconfig';

const a = `apiVersion: v1
clusters:
- name: prod
  cluster: {server: https://prod.example:6443, certificate-authority: certs/ca.crt}
- name: bad
  cluster: {}
users:
- name: alice
  user: {token: secret-a}
contexts:
- name: prod
  context: {cluster: prod, user: alice, namespace: shop}
- name: lost
  context: {cluster: gone, user: alice}
current-context: prod
`;
const b = `clusters:
- name: prod
  cluster: {server: https://shadowed.example}
- name: dev
  cluster: {server: https://dev.example}
users:
- name: bob
  user: {client-certificate: /missing/bob.crt, client-key: /missing/bob.key}
- name: carol
  user: {exec: {command: kubelogin, apiVersion: client.authentication.k8s.io/v1}}
contexts:
- name: dev
  context: {cluster: dev, user: carol}
- name: bob
  context: {cluster: dev, user: bob}
current-context: dev
`;

describe('kubeconfig merge', () => {
  it('merges files as kubectl does: first definition wins, relative paths resolve against their file, broken entries are named and skipped', () => {
    const merged = mergeKubeconfigs(
      [
        { path: '/home/u/.kube/a.yaml', text: a },
        { path: '/home/u/.kube/b.yaml', text: b },
        { path: '/home/u/.kube/c.yaml', text: 'clusters: [oops' },
        { path: '/home/u/.kube/d.yaml', error: 'no such file' },
      ],
      (f) => !f.startsWith('/missing'),
    );
    expect(merged.contexts.map((c) => [c.name, c.server, c.userName, c.namespace])).toEqual([
      ['prod', 'https://prod.example:6443', 'alice', 'shop'],
      ['dev', 'https://dev.example', 'carol', undefined],
    ]);
    expect(merged.currentContext).toBe('prod');
    expect((merged.contexts[0]!.cluster['cluster'] as Record<string, string>)['certificate-authority']).toBe(
      '/home/u/.kube/certs/ca.crt',
    );
    expect(merged.errors).toEqual([
      '/home/u/.kube/a.yaml: cluster "bad": cluster.server is missing; skipped.',
      expect.stringMatching(/^\/home\/u\/\.kube\/c\.yaml: .*; skipped\.$/),
      '/home/u/.kube/d.yaml: no such file; skipped.',
      '/home/u/.kube/a.yaml: context "lost": cluster "gone" is not defined in any kubeconfig file; skipped.',
      '/home/u/.kube/b.yaml: context "bob": the client-certificate of user "bob" (/missing/bob.crt) does not exist; skipped.',
    ]);
  });

  it('builds a kubeconfig of one context only, so no client can reach another context’s credentials', () => {
    const merged = mergeKubeconfigs(
      [
        { path: '/k/a', text: a },
        { path: '/k/b', text: b },
      ],
      () => true,
    );
    const one = JSON.parse(singleContextConfig(merged.contexts.find((c) => c.name === 'dev')!));
    expect(one['current-context']).toBe('dev');
    expect(JSON.stringify(one)).not.toContain('secret-a');
    expect(one.users).toEqual([
      { name: 'carol', user: { exec: { command: 'kubelogin', apiVersion: 'client.authentication.k8s.io/v1' } } },
    ]);
  });

  it('reads KUBECONFIG split on the delimiter, else ~/.kube/config', () => {
    expect(kubeconfigPaths({ KUBECONFIG: '/a::/b:/a' }, '/home/u', ':')).toEqual(['/a', '/b']);
    expect(kubeconfigPaths({}, '/home/u', ':')).toEqual(['/home/u/.kube/config']);
  });
});
