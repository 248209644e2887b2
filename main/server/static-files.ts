/**
 * Serves the built renderer (dist/renderer) read-only, with the same strict headers the Electron
 * app:// protocol sends. Only files inside the root are served: the URL path is decoded once,
 * any ".." segment, backslash or NUL is refused, and the resolved real path (symlinks followed)
 * must still lie inside the root.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

/** The renderer's Content-Security-Policy: own scripts only, no plugins, no framing, no forms. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Headers for every response; HTML gets the CSP as well. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Headers for an HTML document. */
export function htmlHeaders(): Record<string, string> {
  return { ...COMMON_HEADERS, 'Content-Security-Policy': RENDERER_CSP, 'Cache-Control': 'no-store' };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The content type for a file name (octet-stream when unknown, which nosniff keeps inert). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Shown when dist/renderer has not been built. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>k8s-synth</title></head>
<body><h1>k8s-synth: the rack editor is not built</h1>
<p>The renderer bundle (dist/renderer) is missing: run <code>npm run build</code>, then start <code>k8s-synth serve</code> again.</p>
</body></html>
`;

/**
 * The file under `root` for a URL path, or undefined when the path is not acceptable. Pure: no
 * file-system access, so it is easy to test against every traversal trick.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  if (segments.length === 0 || decoded.endsWith('/')) segments.push('index.html');
  return join(root, ...segments);
}

/** Answers a GET or HEAD for a file of the renderer. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const urlPath = (req.url ?? '/').split('?')[0]!;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    await stat(join(realRoot, 'index.html'));
  } catch {
    return send(
      res,
      503,
      NOT_BUILT_PAGE,
      { ...htmlHeaders(), 'Content-Type': 'text/html; charset=utf-8' },
      req.method === 'HEAD',
    );
  }
  const candidate = resolveStaticPath(realRoot, urlPath);
  if (!candidate) return plain(res, 404, 'Not found');
  let file: string;
  let size: number;
  try {
    file = await realpath(candidate);
    const info = await stat(file);
    if (!info.isFile()) return plain(res, 404, 'Not found');
    size = info.size;
  } catch {
    return plain(res, 404, 'Not found');
  }
  // A symlink inside dist/renderer must not lead out of it.
  if (file !== realRoot && !file.startsWith(realRoot + sep)) return plain(res, 404, 'Not found');
  const type = contentTypeFor(file);
  const headers = type.startsWith('text/html') ? htmlHeaders() : { ...COMMON_HEADERS };
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(size) });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** A short plain-text answer with the common headers. */
export function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  send(res, status, `${text}\n`, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>, headOnly = false): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(headOnly ? undefined : body);
}
