import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOnPath, loginShellPath, mergePaths, parseShellPath } from './login-path';

describe('login-shell PATH', () => {
  it('reads the PATH between the markers, ignoring what profile scripts print around it', () => {
    expect(parseShellPath('Welcome!\n__K8S_SYNTH_PATH_START__/opt/bin:/usr/bin__K8S_SYNTH_PATH_END__bye')).toBe(
      '/opt/bin:/usr/bin',
    );
    expect(parseShellPath('no markers')).toBeUndefined();
    expect(mergePaths('/opt/bin:/usr/bin', '/usr/bin:/bin:', ':')).toBe('/opt/bin:/usr/bin:/bin');
  });

  it('asks a real login shell: a folder its profile adds is found, and a plugin there with it', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-home-'));
    const tools = path.join(home, 'cloud-sdk', 'bin');
    await mkdir(tools, { recursive: true });
    await writeFile(path.join(tools, 'k8s-synth-test-auth-plugin'), '#!/bin/sh\n');
    await chmod(path.join(tools, 'k8s-synth-test-auth-plugin'), 0o755);
    await writeFile(path.join(home, '.profile'), `echo hello from profile\nexport PATH="${tools}:$PATH"\n`);
    await writeFile(path.join(home, '.bash_profile'), `. "${home}/.profile"\n`);
    const shell = ['/bin/bash', '/usr/bin/bash'].find((s) => existsSync(s)) ?? '/bin/sh';
    const merged = await loginShellPath({ HOME: home, SHELL: shell, PATH: '/usr/bin:/bin' });
    expect(merged.split(path.delimiter)[0]).toBe(tools);
    expect(findOnPath('k8s-synth-test-auth-plugin', merged).found).toBe(path.join(tools, 'k8s-synth-test-auth-plugin'));
    expect(findOnPath('k8s-synth-test-auth-plugin', '/usr/bin:/bin')).toEqual({ looked: ['/usr/bin', '/bin'] });
  });
});
