import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../server/static-files';
import { APP_START_URL, createAppProtocolHandler } from './app-protocol';

let dir: string;
let handler: (request: Request) => Promise<Response>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
  await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>rack</title>');
  await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  handler = createAppProtocolHandler(path.join(dir, 'renderer'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('app://rack protocol', () => {
  it('serves the start page with the CSP', async () => {
    const response = await handler(new Request(APP_START_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>rack</title>');
  });

  it('serves assets with their type', async () => {
    const response = await handler(new Request('app://rack/assets/app.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(['app://rack/../secret.txt', 'app://rack/%2e%2e/secret.txt', 'app://other/index.html', 'app://rack/missing.js'])(
    'refuses %s',
    async (url) => {
      const response = await handler(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
    },
  );

  it('says how to build when the renderer is missing', async () => {
    const response = await createAppProtocolHandler(path.join(dir, 'nothing'))(new Request(APP_START_URL));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
