// Builds the native-audio addon with node-gyp against the local Node headers (no download):
// run by `npm ci`/`npm install` (postinstall) and `npm run build:audio`. Where it cannot build
// (no compiler, no PortAudio headers), the app still installs and runs silent, saying why once;
// with CI=1 a failed build fails, so CI never ships a silent app by accident.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  // npm's own copy sits beside the npm that runs us; a project copy is the fallback.
  const npmCli = process.env.npm_execpath;
  if (npmCli) {
    const bundled = path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(bundled)) return bundled;
  }
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

/** The headers of the Node that runs us (Debian's nodejs ships them under /usr/include/node). */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

function fail(why) {
  const ci = process.env.CI === '1' || process.env.CI === 'true';
  process.stderr.write(
    `native-audio: ${why}\n` +
      (ci
        ? 'native-audio: CI needs the addon (install the packages in native-audio/README.md).\n'
        : 'native-audio: the app will run silent; see native-audio/README.md for what to install, then `npm run build:audio`.\n'),
  );
  process.exit(ci ? 1 : 0);
}

const gyp = nodeGyp();
if (!gyp) fail('node-gyp was not found (it comes with npm)');
const result = spawnSync(process.execPath, [gyp, 'rebuild', '--release', ...nodedirArgs()], {
  cwd: here,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
});
if (result.status !== 0) {
  const tail = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((l) => /error|not found|No such/i.test(l))
    .slice(0, 8);
  fail(`the addon did not build:\n  ${tail.join('\n  ') || `node-gyp exited with ${result.status}`}`);
}
process.stderr.write(`native-audio: built build/Release/native_audio.node in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
