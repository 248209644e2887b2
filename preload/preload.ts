/**
 * The Electron preload: builds the RackClient over IPC and exposes it to the page as
 * `window.rack` through contextBridge, the only way a sandboxed, context-isolated page reaches
 * main. It is bundled into one CommonJS file (dist/preload/preload.cjs) because a sandboxed
 * preload cannot require anything but a few Electron modules.
 *
 * contextBridge copies values across worlds: an Error keeps only its message, so in the page a
 * failed request is an Error whose message says what went wrong (the `code` of a
 * RackRequestError does not survive the bridge; the messages are written to stand on their own).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeRackApi } from './ipc-client';

// The renderer types `window.rack` as the contract's RackClient (renderer/global.d.ts), which is
// exactly what exposeRackApi returns.
exposeRackApi(contextBridge, ipcRenderer);
