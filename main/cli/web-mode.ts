/**
 * Web mode as a running thing: the rack (session, files, autosave) behind the web server. Shared
 * by `serve` and by `start`'s fallback. Notices go to stderr too, so a terminal user sees
 * recovered work and autosave trouble; stdout carries only the one "ready" line.
 */
import { rendererDir } from '../app-root';
import { resolveDataDir } from '../files/data-dir';
import { createRack } from '../rack';
import { startWebServer } from '../server/web-server';
import type { RunOptions } from './args';

export interface WebMode {
  /** http://127.0.0.1:PORT/?token=TOKEN: a secret, print it once. */
  url: string;
  /** Flushes the autosave, then closes every connection and the port. */
  stop(): Promise<void>;
}

/** The exact line tests and scripts wait for on stdout. */
export function readyLine(url: string): string {
  return `Rack editor ready at ${url}`;
}

/** Starts the rack and serves it; resolves once the port is listening. */
export async function startWebMode(options: RunOptions): Promise<WebMode> {
  const logError = (message: string) => process.stderr.write(`${message}\n`);
  const rack = await createRack({
    mode: 'web',
    dataDir: resolveDataDir({ flag: options.dataDir }),
    file: options.file,
    autosaveMs: options.autosaveMs,
    logError,
    onNotice: (notice) => logError(`[k8s-synth] ${notice.level}: ${notice.message}`),
  });
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      dispatcher: rack.dispatcher,
      hub: rack.hub,
      rendererDir: rendererDir(),
      port: options.port,
      logError,
    });
  } catch (error) {
    // A port in use (EADDRINUSE) and the like: nothing may keep the process alive after this.
    await rack.close().catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    stop: () =>
      (stopping ??= (async () => {
        await rack.close();
        await server.close();
      })()),
  };
}
