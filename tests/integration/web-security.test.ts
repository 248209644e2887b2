/**
 * Web mode's guards, against a real server on a real port: the WebSocket API needs the token,
 * this server's own Origin and Host (cross-site WebSocket hijacking, DNS rebinding); HTML carries
 * the strict headers; nothing outside dist/renderer is served.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Rack } from '../../main/rack';
import { RENDERER_CSP } from '../../main/server/static-files';
import { tokenCookieName } from '../../main/server/page-auth';
import { startWebServer, type WebServer } from '../../main/server/web-server';
import { tempDir, testRack } from './helpers/transports';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The token of each server under test, by port: `get` sends it as the browser's cookie would. */
const tokens = new Map<number, string>();

/** A raw HTTP request: no URL normalisation, any Host header; the token cookie unless `headers` says otherwise. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const cookie = tokens.has(port) ? { Cookie: `${tokenCookieName(port)}=${tokens.get(port)}` } : {};
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: urlPath, headers: { Host: `127.0.0.1:${port}`, ...cookie, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The status a WebSocket upgrade gets (101 when accepted). */
function upgradeStatus(port: number, urlPath: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: urlPath,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web mode security', () => {
  let server: WebServer;
  let rack: Rack;
  let cleanup: () => Promise<void>;
  let own: Record<string, string>;

  beforeAll(async () => {
    const { dir, remove } = await tempDir();
    const renderer = path.join(dir, 'renderer');
    await mkdir(path.join(renderer, 'assets'), { recursive: true });
    await writeFile(
      path.join(renderer, 'index.html'),
      '<!doctype html><title>rack</title><script type="module" src="./assets/app.js"></script>',
    );
    await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log("rack")');
    await writeFile(path.join(renderer, 'assets', 'app.css'), 'body{}');
    await writeFile(path.join(renderer, 'assets', 'panel.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(dir, 'secret.txt'), 'top secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
    ({ rack } = await testRack(dir));
    server = await startWebServer({
      dispatcher: rack.dispatcher,
      hub: rack.hub,
      rendererDir: renderer,
      logError: () => undefined,
    });
    own = { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}` };
    tokens.set(server.port, server.token);
    cleanup = async () => {
      await server.close();
      await rack.close();
      await remove();
    };
  });
  afterAll(() => cleanup());

  it('prints a URL with a long random token on loopback', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('accepts the WebSocket upgrade with token, own Origin and own Host (IP or localhost)', async () => {
    expect(await upgradeStatus(server.port, `/api?token=${server.token}`, own)).toBe(101);
    const local = { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` };
    expect(await upgradeStatus(server.port, `/api?token=${server.token}`, local)).toBe(101);
  });

  it('refuses the upgrade without the token or with a wrong one', async () => {
    expect(await upgradeStatus(server.port, '/api', own)).toBe(401);
    expect(await upgradeStatus(server.port, '/api?token=', own)).toBe(401);
    expect(await upgradeStatus(server.port, `/api?token=${server.token}x`, own)).toBe(401);
    expect(await upgradeStatus(server.port, `/api?token=${server.token.slice(0, -1)}`, own)).toBe(401);
  });

  it('refuses a foreign or missing Origin (cross-site WebSocket hijacking)', async () => {
    const url = `/api?token=${server.token}`;
    expect(await upgradeStatus(server.port, url, { ...own, Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.port, url, { ...own, Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(server.port, url, { ...own, Origin: `https://127.0.0.1:${server.port}` })).toBe(403);
    expect(await upgradeStatus(server.port, url, { ...own, Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(server.port, url, { Host: own.Host! })).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) for the API and for pages', async () => {
    const url = `/api?token=${server.token}`;
    expect(await upgradeStatus(server.port, url, { ...own, Host: `evil.example:${server.port}` })).toBe(403);
    expect(await upgradeStatus(server.port, url, { ...own, Host: '127.0.0.1' })).toBe(403);
    expect((await get(server.port, '/', { Host: `rebind.evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses upgrades on other paths', async () => {
    expect(await upgradeStatus(server.port, `/other?token=${server.token}`, own)).toBe(404);
  });

  it('a ws client with a wrong token never opens', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=wrong`, { origin: own.Origin });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  it('serves HTML with the strict CSP and companion headers', async () => {
    const page = await get(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(RENDERER_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect((await get(server.port, '/index.html?token=abc')).headers['content-security-policy']).toBe(RENDERER_CSP);
  });

  it('serves assets with their content types', async () => {
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server.port, '/assets/panel.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await get(server.port, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal in every spelling, and symlinks out of the root', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/assets/link.txt',
    ]) {
      const answer = await get(server.port, attempt);
      expect({ attempt, status: answer.status, leaked: answer.body.includes('top secret') }).toEqual({
        attempt,
        status: 404,
        leaked: false,
      });
    }
  });

  it('serves a "run npm run build" page when the renderer is not built', async () => {
    const { dir, remove } = await tempDir();
    const bare = await startWebServer({ dispatcher: rack.dispatcher, hub: rack.hub, rendererDir: path.join(dir, 'missing') });
    tokens.set(bare.port, bare.token);
    try {
      const page = await get(bare.port, '/');
      expect(page.body).toContain('npm run build');
      expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    } finally {
      await bare.close();
      await remove();
    }
  });

  it('refuses pages, assets and source maps without the token', async () => {
    for (const asset of ['/', '/index.html', '/assets/app.js', '/assets/app.js.map', '/assets/missing.js']) {
      const answer = await get(server.port, asset, { Cookie: '' });
      expect({ asset, status: answer.status, body: answer.body.includes('rack') }).toEqual({ asset, status: 401, body: false });
    }
    const wrong = await get(server.port, '/assets/app.js', { Cookie: `${tokenCookieName(server.port)}=${server.token}x` });
    expect(wrong.status).toBe(401);
  });

  it('the tokened first load sets an HttpOnly SameSite=Strict cookie and redirects to the address without the token', async () => {
    const first = await get(server.port, `/?token=${server.token}&view=yaml`, { Cookie: '' });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?view=yaml');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`${tokenCookieName(server.port)}=${server.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get(server.port, '/?view=yaml', { Cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
  });

  it('accepts the WebSocket upgrade with the cookie instead of ?token=', async () => {
    const cookie = `${tokenCookieName(server.port)}=${server.token}`;
    expect(await upgradeStatus(server.port, '/api', { ...own, Cookie: cookie })).toBe(101);
    expect(await upgradeStatus(server.port, '/api', { ...own, Cookie: `${cookie}x` })).toBe(401);
  });
});
