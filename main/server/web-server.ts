/**
 * Web mode's HTTP server: the built renderer over HTTP and the contract over WebSocket at /api,
 * on 127.0.0.1 only. Every request must carry an allowed Host and the token (as `?token=` once,
 * then as a cookie: page-auth.ts); the WebSocket upgrade must also carry this server's own Origin
 * (see request-guard.ts). Refused upgrades get a
 * bare HTTP status and the socket is destroyed before ws ever sees it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_API_PATH, WS_MAX_PAYLOAD_BYTES } from '../../preload/wire';
import type { Dispatcher } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import { pageAccess, requestHasToken } from './page-auth';
import { createToken, isAllowedHost, isAllowedOrigin } from './request-guard';
import { plain, serveStatic } from './static-files';
import { serveSocket } from './ws-transport';

/** How long clients get to answer the close handshake at shutdown. */
const CLOSE_GRACE_MS = 1_000;

/** Loopback only: web mode is for this machine (and a tablet through an SSH tunnel). */
export const WEB_HOST = '127.0.0.1';

export interface WebServerOptions {
  dispatcher: Dispatcher;
  hub: EventHub;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  logError?: (message: string) => void;
}

export interface WebServer {
  port: number;
  token: string;
  /** The URL to open, token included. This is a secret: print it once, never log it. */
  url: string;
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? createToken();
  const logError = options.logError ?? ((m: string) => console.error(m));
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  const server = createServer((req, res) => {
    const port = portOf(server);
    if (!isAllowedHost(req.headers.host, port)) return plain(res, 403, 'Forbidden: unexpected Host header');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${WEB_HOST}:${port}`);
    } catch {
      return plain(res, 400, 'Bad request');
    }
    const access = pageAccess(req, url, port, token);
    if (access.kind === 'refused') return plain(res, 401, access.reason);
    if (access.kind === 'redirect')
      return plain(res, 303, 'See other', {
        Location: access.location,
        'Set-Cookie': access.setCookie,
        'Cache-Control': 'no-store',
      });
    serveStatic(req, res, options.rendererDir).catch((error: unknown) => {
      logError(`[k8s-synth] serving ${req.url?.split('?')[0] ?? ''} failed: ${(error as Error).message}`);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, portOf(server), token);
    if (refusal) {
      socket.on('error', () => undefined);
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, { dispatcher: options.dispatcher, hub: options.hub, logError }));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, WEB_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = portOf(server);
  return {
    port,
    token,
    url: `http://${WEB_HOST}:${port}/?token=${token}`,
    close: () => closeAll(server, wss),
  };
}

/** The status line for a refused upgrade, or undefined when it may proceed. */
function checkUpgrade(req: IncomingMessage, port: number, token: string): string | undefined {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${WEB_HOST}:${port}`);
  } catch {
    return '400 Bad Request';
  }
  if (url.pathname !== WS_API_PATH) return '404 Not Found';
  if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) return '403 Forbidden';
  if (!requestHasToken(req, url, port, token)) return '401 Unauthorized';
  return undefined;
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo | null)?.port ?? 0;
}

async function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.close(1001, 'server shutting down');
  // A client that does not answer the close handshake (a sleeping tablet) must not hold us up.
  const deadline = Date.now() + CLOSE_GRACE_MS;
  while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive HTTP connections would hold close() open for seconds.
    server.closeAllConnections();
  });
}
