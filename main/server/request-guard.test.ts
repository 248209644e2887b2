import { describe, expect, it } from 'vitest';
import { createToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guard';

describe('request guard', () => {
  it('creates 32-character URL-safe tokens that differ', () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createToken()).not.toBe(a);
  });

  it('matches tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    for (const given of ['abd', 'ab', 'abcd', '', null, undefined]) expect(tokenMatches(given, 'abc')).toBe(false);
  });

  it('allows only this port on loopback as Host and Origin', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    for (const host of ['127.0.0.1', '127.0.0.1:5001', 'evil.example:5000', '[::1]:5000', undefined])
      expect(isAllowedHost(host, 5000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    for (const origin of ['https://127.0.0.1:5000', 'http://127.0.0.1:5000/', 'null', 'http://evil.example', undefined])
      expect(isAllowedOrigin(origin, 5000)).toBe(false);
  });
});
