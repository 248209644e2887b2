import { describe, expect, it } from 'vitest';
import { patchNameFor } from './synth';

describe('patchNameFor', () => {
  it('names a patch after its file when that is a DNS label', () => {
    expect(patchNameFor('/home/me/Hello-Web.k8spatch')).toBe('hello-web');
    expect(patchNameFor('C:\\\\racks\\\\shop.k8spatch')).toBe('shop');
    expect(patchNameFor(null)).toBe('k8s-synth');
    expect(patchNameFor('/tmp/my patch.k8spatch')).toBe('k8s-synth');
  });
});
