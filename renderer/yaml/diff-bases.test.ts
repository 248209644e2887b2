/** The Diff "Against" list offers only the open patch's own versions. */
import { describe, expect, it } from 'vitest';
import { diffBaseVersions } from './YamlDiff';

const info = (version: number) => ({
  version,
  firstVersion: version,
  time: 0,
  source: 'ui' as const,
  kind: 'edit' as const,
  label: '',
});

describe('diffBaseVersions', () => {
  it('lists the document versions newest first, without the live head', () => {
    expect(diffBaseVersions({ document: 3, head: 1, versions: [info(0), info(1)] })).toEqual([0]);
  });
  it('never offers a number the document does not have (another patch at v81-100)', () => {
    const list = { document: 9, head: 2, versions: [info(2), info(1), info(0)] };
    expect(diffBaseVersions(list).every((v) => v <= 2)).toBe(true);
    expect(diffBaseVersions({ document: null, head: 0, versions: [] })).toEqual([]);
  });
  it('keeps at most 20', () => {
    const versions = Array.from({ length: 50 }, (_, i) => info(i));
    expect(diffBaseVersions({ document: 1, head: 49, versions })).toEqual(Array.from({ length: 20 }, (_, i) => 48 - i));
  });
});
