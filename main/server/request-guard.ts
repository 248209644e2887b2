/**
 * Who may talk to the web-mode server. It listens on loopback only, but any web page the user
 * visits can still reach 127.0.0.1: a foreign Origin is refused (cross-site WebSocket
 * hijacking), a foreign Host is refused (DNS rebinding: evil.example resolving to 127.0.0.1
 * sends "Host: evil.example"), and the API needs the random token of the printed URL, as a
 * Jupyter server does.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh API token: 24 random bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Constant-time token comparison. Both sides are hashed first so that the comparison does not
 * leak the token's length either (timingSafeEqual needs equal lengths).
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The Host header must name this server on loopback, by IP or as localhost. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The Origin header must be exactly this server's own origin (the page it served). */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
