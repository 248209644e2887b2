import { describe, expect, it } from 'vitest';
import { apiUrl } from './transport';

describe('apiUrl', () => {
  it('keeps the origin and token, switches to ws and drops the page file', () => {
    expect(apiUrl('http://127.0.0.1:4321/?token=abc')).toBe('ws://127.0.0.1:4321/api?token=abc');
    expect(apiUrl('http://127.0.0.1:4321/index.html?token=a%2Fb#x')).toBe('ws://127.0.0.1:4321/api?token=a%2Fb');
    expect(apiUrl('https://rack.local/app/?token=t&other=1')).toBe('wss://rack.local/app/api?token=t');
  });
});
