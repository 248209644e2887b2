import { describe, expect, it } from 'vitest';
import { driverFailure } from './history-service';

/** Node's own dlopen message for an addon built for another ABI (src/node_binding.cc); Electron shows the same. */
const dlopenError = (built: number, needs: number) =>
  Object.assign(
    new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
        'was compiled against a different Node.js version using\n' +
        `NODE_MODULE_VERSION ${built}. This version of Node.js requires\n` +
        `NODE_MODULE_VERSION ${needs}. Please try re-compiling or re-installing\n` +
        'the module (for instance, using `npm rebuild` or `npm install`).',
    ),
    { code: 'ERR_DLOPEN_FAILED' },
  );

describe('driverFailure (better-sqlite3 did not load)', () => {
  it('under Electron names both ABIs and the one command that fixes it', () => {
    const message = driverFailure(dlopenError(115, 140), { node: '22.20.0', electron: '39.5.0' });
    expect(message).toContain('built for ABI 115, this runtime needs ABI 140');
    expect(message).toContain('`npm run rebuild:electron`');
    expect(message).toContain('Electron 39.5.0');
    expect(message).toContain('history and performances are off');
  });

  it('under Node (the Electron build left in node_modules) points back to the Node build', () => {
    const message = driverFailure(dlopenError(140, 115), { node: '20.20.2' });
    expect(message).toContain('built for ABI 140, this runtime needs ABI 115');
    expect(message).toContain('`npm rebuild better-sqlite3`');
    expect(message).not.toContain('rebuild:electron');
  });

  it('keeps any other reason, first line only', () => {
    expect(driverFailure(new Error('Cannot find module better-sqlite3\nRequire stack: …'), { node: '20.20.2' })).toContain(
      '(Cannot find module better-sqlite3)',
    );
  });
});
