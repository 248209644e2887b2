import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from './static-files';

describe('resolveStaticPath', () => {
  it.each([
    ['/', '/srv/r/index.html'],
    ['/index.html', '/srv/r/index.html'],
    ['/assets/app-1.js', '/srv/r/assets/app-1.js'],
    ['/assets/', '/srv/r/assets/index.html'],
    ['/a%20b.svg', '/srv/r/a b.svg'],
  ])('%s → %s', (url, file) => {
    expect(resolveStaticPath('/srv/r', url)).toBe(file);
  });

  it.each([
    '/../etc/passwd',
    '/a/../../x',
    '/%2e%2e/x',
    '/a/%2e%2e%2f%2e%2e%2fx',
    '/..%5cx',
    '/x%00.js',
    '/%E0%A4%A',
    'relative',
    '/./index.html',
    '/a\\b',
  ])('refuses %s', (url) => {
    expect(resolveStaticPath('/srv/r', url)).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer file types and falls back to octet-stream', () => {
    expect(contentTypeFor('a.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.exe')).toBe('application/octet-stream');
  });
});
