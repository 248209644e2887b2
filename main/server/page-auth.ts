/**
 * The token for everything web mode serves, pages and source maps included, not only the API.
 * The printed URL carries the token once: that first load sets an HttpOnly, SameSite=Strict
 * cookie and is redirected to the same address without the token, so the token leaves the
 * address bar and the browser history. Every later request (assets, the WebSocket upgrade)
 * carries the cookie. The cookie's name holds the port: cookies are shared between the ports of
 * a host, and two editors on one machine must not log each other out.
 */
import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './request-guard';

export type PageAccess =
  { kind: 'allowed' } | { kind: 'redirect'; location: string; setCookie: string } | { kind: 'refused'; reason: string };

/** The cookie that carries the token for the server on `port`. */
export function tokenCookieName(port: number): string {
  return `k8s-synth-token-${port}`;
}

/** The token in the request's cookie for `port`, if any. */
export function cookieToken(header: string | undefined, port: number): string | undefined {
  const name = tokenCookieName(port);
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** True when the request carries the token as its cookie or as `?token=`. */
export function requestHasToken(req: IncomingMessage, url: URL, port: number, token: string): boolean {
  return tokenMatches(cookieToken(req.headers.cookie, port), token) || tokenMatches(url.searchParams.get('token'), token);
}

/** Whether a GET of `url` may be served, and how. */
export function pageAccess(req: IncomingMessage, url: URL, port: number, token: string): PageAccess {
  const given = url.searchParams.get('token');
  if (tokenMatches(given, token)) {
    const clean = new URL(url);
    clean.searchParams.delete('token');
    return {
      kind: 'redirect',
      location: `${clean.pathname}${clean.search}`,
      setCookie: `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  if (tokenMatches(cookieToken(req.headers.cookie, port), token)) return { kind: 'allowed' };
  return {
    kind: 'refused',
    reason: 'Unauthorized: open the address that `k8s-synth serve` printed (it carries the token) in this browser.',
  };
}
