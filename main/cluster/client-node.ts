/**
 * @kubernetes/client-node, loaded on first use. The package is ESM; the Electron main bundle is
 * CommonJS, where a dynamic import() is the way in. Pinned to 1.4.x: 2.x needs Node >= 22.19
 * (undici 8) and crashes on Node 20, while Electron runs Node 22, so this code runs on both.
 */
import type * as ClientNodeModule from '@kubernetes/client-node';

export type ClientNode = typeof ClientNodeModule;

let loaded: Promise<ClientNode> | undefined;

export const clientNode = (): Promise<ClientNode> => (loaded ??= import('@kubernetes/client-node'));
