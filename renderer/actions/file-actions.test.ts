import { describe, expect, it } from 'vitest';
import { checkPatchPath, fileTitle, suggestSavePath } from './file-actions';

describe('file action helpers', () => {
  it('names files for messages and suggests where to save', () => {
    expect(fileTitle(null)).toBe('Untitled');
    expect(fileTitle('/home/a/live.k8spatch')).toBe('live.k8spatch');
    expect(fileTitle('C:\\patches\\live.k8spatch')).toBe('live.k8spatch');
    expect(suggestSavePath('/p/live.k8spatch', [])).toBe('/p/live.k8spatch');
    expect(suggestSavePath(null, ['/home/a/set/one.k8spatch'])).toBe('/home/a/set/Untitled.k8spatch');
    expect(suggestSavePath(null, [])).toBe('');
  });

  it('asks for absolute paths, since main resolves relative ones against a cwd the user cannot see', () => {
    expect(checkPatchPath('')).toMatch(/Type the path/);
    expect(checkPatchPath('live.k8spatch')).toMatch(/absolute/);
    expect(checkPatchPath('/home/a/live.k8spatch')).toBeUndefined();
    expect(checkPatchPath('C:\\patches\\live')).toBeUndefined();
  });
});
