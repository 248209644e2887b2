import { describe, expect, it } from 'vitest';
import { checkRows, checkText, fromDraftRows, listSpec, maskedManifest, portKeyFor, toDraftRows } from './data-fields';

describe('data fields', () => {
  it('checks names as Kubernetes does', () => {
    expect(checkText('name', 'web-1')).toBeUndefined();
    expect(checkText('name', 'Web')).toMatch(/Lowercase/);
    expect(checkText('name', '')).toMatch(/required/);
    expect(checkText('image', 'Nginx:1.27')).toBeUndefined();
  });

  it('round-trips ports, keeping keys it does not edit, and numbers stay numbers', () => {
    const spec = listSpec('ports', portKeyFor('service', [{ port: 80, targetPort: 8080 }]));
    const stored = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }];
    expect(fromDraftRows(spec, toDraftRows(spec, stored))).toEqual(stored);
    expect(portKeyFor('pod', undefined)).toBe('containerPort');
  });

  it('reports bad ports, bad env names and duplicates per row and column', () => {
    const ports = listSpec('ports');
    const rows = toDraftRows(ports, [
      { name: 'http', containerPort: 80 },
      { name: 'http', containerPort: 70000 },
      { containerPort: 80, protocol: 'TCP' },
    ]);
    expect(checkRows(ports, rows)).toEqual({
      1: { name: 'Same name as row 1.', containerPort: 'A port lies in 1..65535.' },
      2: { containerPort: 'Same port and protocol as row 1.' },
    });
    const env = listSpec('env');
    expect(
      checkRows(
        env,
        toDraftRows(env, [
          { name: '1X', value: '' },
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ]),
      ),
    ).toEqual({
      0: { name: expect.stringMatching(/not starting with a digit/) },
      2: { name: 'Same name as row 2.' },
    });
    const rules = listSpec('rules');
    expect(checkRows(rules, toDraftRows(rules, [{ host: 'a.example.com', path: 'x', pathType: 'Prefix' }]))).toEqual({
      0: { path: 'A path starts with "/".' },
    });
  });

  it('masks a Secret’s values in an Object’s manifest, keeping its keys, and shows other kinds as they are', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 't' },
      data: { token: 'c2VjcmV0' },
      stringData: { a: 'b' },
    };
    expect(maskedManifest(secret)).toEqual({ ...secret, data: { token: '••••••' }, stringData: { a: '••••••' } });
    expect(secret.data.token).toBe('c2VjcmV0');
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { MODE: 'prod' } };
    expect(maskedManifest(config)).toBe(config);
  });
});
