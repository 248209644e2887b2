import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  const home = '/home/me';
  it('prefers the flag, then the env, then Electron, then XDG, then ~/.config', () => {
    const env = { K8S_SYNTH_DATA_DIR: '/env/dir', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ flag: '/flag', env, electronUserData: '/electron', home })).toBe('/flag');
    expect(resolveDataDir({ env, electronUserData: '/electron', home })).toBe('/env/dir');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, electronUserData: '/electron', home })).toBe('/electron');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, home })).toBe('/xdg/k8s-synth');
    expect(resolveDataDir({ env: {}, home })).toBe('/home/me/.config/k8s-synth');
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: 'rel' }, home })).toBe('/home/me/.config/k8s-synth');
  });
});
