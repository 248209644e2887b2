/**
 * The app://rack/ protocol: Electron loads the renderer from here instead of file://, so the page
 * has a real origin to check IPC senders and navigation against, cannot read other local files,
 * and gets the same CSP header as web mode (Electron security checklist items 7 and 18). The
 * handler is built on the fetch API's Request and Response only, so it is testable under Node.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { APP_HOST, APP_PROTOCOL } from '../transport/ipc-main-transport';
import { COMMON_HEADERS, contentTypeFor, htmlHeaders, resolveStaticPath } from '../server/static-files';

/** The page the window loads. */
export const APP_START_URL = `${APP_PROTOCOL}://${APP_HOST}/index.html`;

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>k8s-synth</title></head><body><h1>k8s-synth: the rack editor is not built</h1><p>dist/renderer is missing: run <code>npm run build</code>.</p></body></html>';

/** A handler for protocol.handle(APP_PROTOCOL, …) serving the files under `root`. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_PROTOCOL}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { ...COMMON_HEADERS, Allow: 'GET, HEAD' } });
    let realRoot: string;
    try {
      realRoot = await realpath(root);
      await stat(`${realRoot}${sep}index.html`);
    } catch {
      return new Response(NOT_BUILT_PAGE, {
        status: 503,
        headers: { ...htmlHeaders(), 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    const candidate = resolveStaticPath(realRoot, url.pathname);
    if (!candidate) return notFound();
    try {
      const file = await realpath(candidate);
      if (!file.startsWith(realRoot + sep) || !(await stat(file)).isFile()) return notFound();
      const type = contentTypeFor(file);
      const headers = { ...(type.startsWith('text/html') ? htmlHeaders() : COMMON_HEADERS), 'Content-Type': type };
      return new Response(request.method === 'HEAD' ? null : await readFile(file), { status: 200, headers });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
