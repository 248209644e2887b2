/**
 * Requests to one context's API server. client-node's KubeConfig supplies TLS material and the
 * Authorization header for every request (tokens, client certificates, exec plugins, oidc), so
 * its authentication applies unchanged; the requests go through one keep-alive agent per
 * connection instead of client-node 1.x's new agent per request (a TLS handshake each time).
 * Failures are thrown in client-node's ApiException shape ({code, body}) for errors.ts.
 */
import https from 'node:https';
import http from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

export class KubeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
    this.name = 'KubeHttpError';
  }
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
}

export class KubeHttp {
  private agent: https.Agent | undefined;

  constructor(
    private readonly kc: KubeConfig,
    readonly server: string,
  ) {}

  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const { url, options, body, transport } = await this.prepare(req);
    return new Promise<T>((resolve, reject) => {
      const r = transport.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new KubeHttpError(status, text));
          try {
            resolve((text === '' ? undefined : JSON.parse(text)) as T);
          } catch {
            resolve(text as T);
          }
        });
        res.on('error', reject);
      });
      r.on('timeout', () => r.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
      r.on('error', reject);
      r.end(body);
    });
  }

  /**
   * A long GET (a watch): resolves with the open response once the server said 2xx (other
   * statuses reject as KubeHttpError with the body); `abort` ends it. No idle timeout: the
   * caller's watchdog decides when a quiet stream is stale.
   */
  async stream(req: KubeRequest): Promise<{ response: http.IncomingMessage; abort: () => void }> {
    const { url, options, transport } = await this.prepare({ ...req, timeoutMs: 0 });
    return new Promise((resolve, reject) => {
      const r = transport.request(url, options, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          // An aborted stream emits "aborted"/ECONNRESET: expected, and told to the reader through 'close'.
          res.on('error', () => undefined);
          return resolve({ response: res, abort: () => r.destroy() });
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new KubeHttpError(status, Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end();
    });
  }

  private async prepare(req: KubeRequest) {
    const url = new URL(req.path, this.server);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const opts: https.RequestOptions = { method: req.method ?? 'GET', headers: { accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(opts);
    const { agent: _fresh, ...rest } = opts;
    void _fresh;
    // One agent per connection, made from the first request's TLS material (it does not change
    // for a context: the kubeconfig is reloaded into a new connection when it does).
    this.agent ??= new https.Agent({
      keepAlive: true,
      // Eight watches hold a socket each for as long as the live view is on.
      maxSockets: 32,
      ca: opts.ca,
      cert: opts.cert,
      key: opts.key,
      ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
      ...(opts.servername ? { servername: opts.servername } : {}),
    });
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
    if (body !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const transport = url.protocol === 'http:' ? http : https;
    const options: https.RequestOptions = {
      ...rest,
      headers,
      ...(url.protocol === 'https:' ? { agent: this.agent } : {}),
      ...(req.timeoutMs === 0 ? {} : { timeout: req.timeoutMs ?? 30_000 }),
    };
    return { url, options, body, transport };
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
