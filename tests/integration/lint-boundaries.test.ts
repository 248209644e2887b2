/**
 * Proves the process boundaries in eslint.config.js bite: each snippet is linted as if it lived at
 * a (virtual) path in the repo, through ESLint's Node API with the real config.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The rules that carry the boundaries; other findings (unused vars...) do not matter here. */
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-syntax',
  'local/import-boundaries',
]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath), warnIgnored: true });
  const messages = result!.messages;
  const fatal = messages.filter((m) => m.fatal || m.ruleId === null);
  expect(fatal, `${filePath} should parse and not be ignored`).toEqual([]);
  return messages;
}

/** The boundary rules that fired, deduplicated and sorted. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const messages = await lint(filePath, code);
  return [...new Set(messages.filter((m) => m.severity === 2 && BOUNDARY_RULES.has(m.ruleId!)).map((m) => m.ruleId!))].sort();
}

describe('imports that cross a boundary are errors', () => {
  const cases: [file: string, code: string, rules: string[]][] = [
    // Pure folders: no Node, no Electron, no React, no DOM, only pure code.
    ['main/patch/x.ts', "import fs from 'node:fs';\nexport const f = fs;", ['no-restricted-imports']],
    ['main/patch/x.ts', "import { join } from 'path';\nexport const j = join;", ['no-restricted-imports']],
    ['main/sim/core/x.ts', "import { readFile } from 'fs/promises';\nexport const r = readFile;", ['no-restricted-imports']],
    ['main/sim/core/deep/x.ts', "export * from 'node:crypto';", ['no-restricted-imports']],
    [
      'main/hardware/codec/x.ts',
      "import { SerialPort } from 'serialport';\nexport const s = SerialPort;",
      ['no-restricted-imports'],
    ],
    ['main/synth/x.ts', "import { useState } from 'react';\nexport const u = useState;", ['no-restricted-imports']],
    ['main/session/x.ts', "import { app } from 'electron';\nexport const a = app;", ['no-restricted-imports']],
    ['main/session/x.ts', 'export const width = () => window.innerWidth;', ['no-restricted-globals']],
    ['main/synth/x.ts', 'export const item = () => localStorage.getItem("k");', ['no-restricted-globals']],
    ['main/patch/x.ts', 'export const home = () => process.env.HOME;', ['no-restricted-globals']],
    ['main/patch/x.ts', "export const load = () => import('node:fs');", ['no-restricted-syntax']],
    [
      'main/patch/x.ts',
      "import { DocumentService } from '../files/document-service';\nexport const d = DocumentService;",
      ['local/import-boundaries'],
    ],
    ['main/hardware/codec/x.ts', "import { open } from '../serial-link';\nexport const o = open;", ['local/import-boundaries']],
    // Only main/app/ and preload/preload.ts import 'electron'.
    ['main/server/x.ts', "import { app } from 'electron';\nexport const a = app;", ['no-restricted-imports']],
    ['main/files/x.ts', "import { ipcMain } from 'electron/main';\nexport const i = ipcMain;", ['no-restricted-imports']],
    [
      'main/files/x.ts',
      "import { createWindow } from '../app/window';\nexport const c = createWindow;",
      ['local/import-boundaries'],
    ],
    [
      'main/server/x.ts',
      "import { createRoot } from 'react-dom/client';\nexport const c = createRoot;",
      ['no-restricted-imports'],
    ],
    // The renderer: no main/ beyond main/patch and main/synth, no Node, no Electron.
    [
      'renderer/x.tsx',
      "import { Session } from '../main/session/session';\nexport const s = Session;",
      ['local/import-boundaries'],
    ],
    [
      'renderer/panels/x.tsx',
      "import type { PatchChange } from '../../main/session/session';\nexport type P = PatchChange;",
      ['local/import-boundaries'],
    ],
    ['renderer/x.tsx', "export const lazy = () => import('../main/history/store');", ['local/import-boundaries']],
    ['renderer/x.tsx', "import '../preload/preload';", ['local/import-boundaries']],
    ['renderer/x.tsx', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;", ['no-restricted-imports']],
    ['renderer/x.ts', "import os from 'os';\nexport const o = os;", ['no-restricted-imports']],
    ['renderer/x.tsx', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", ['no-restricted-imports']],
    ['renderer/x.tsx', "import WebSocket from 'ws';\nexport const W = WebSocket;", ['no-restricted-imports']],
    ['renderer/x.ts', "export const store = require('../main/files/x');", ['local/import-boundaries', 'no-restricted-globals']],
    ['renderer/x.ts', "export type T = import('../main/cluster/kube').Kube;", ['local/import-boundaries']],
    ['renderer/x.ts', 'export const dir = __dirname;', ['no-restricted-globals']],
    // preload/: the contract side runs in the renderer; preload.ts is sandboxed.
    ['preload/x.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;", ['no-restricted-imports']],
    ['preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", ['no-restricted-imports']],
    ['preload/x.ts', "import { Store } from '../main/history/store';\nexport const s = Store;", ['local/import-boundaries']],
    ['preload/preload.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", ['no-restricted-imports']],
    // Tests beside a module may use Node, but not Electron.
    ['main/patch/x.test.ts', "import { app } from 'electron';\nexport const a = app;", ['no-restricted-imports']],
  ];

  it.each(cases)('%s: %s', async (file, code, rules) => {
    expect(await boundaryErrors(file, code)).toEqual(rules);
  });
});

describe('imports inside a boundary are allowed', () => {
  const cases: [file: string, code: string][] = [
    [
      'main/files/x.ts',
      "import fs from 'node:fs';\nimport { parsePatchFile } from '../patch/file';\nexport const f = [fs, parsePatchFile];",
    ],
    [
      'main/server/x.ts',
      "import { createServer } from 'node:http';\nimport { requests } from '../../preload/contract';\nexport const s = [createServer, requests];",
    ],
    [
      'main/app/x.ts',
      "import { app, BrowserWindow } from 'electron';\nimport { Session } from '../session/session';\nexport const a = [app, BrowserWindow, Session];",
    ],
    ['main/app/menus/x.ts', "import { Menu } from 'electron';\nexport const m = Menu;"],
    ['main/session/x.ts', "import { applyOp } from '../patch/apply';\nimport { z } from 'zod';\nexport const a = [applyOp, z];"],
    ['main/hardware/codec/x.ts', "import { Patch } from '../../patch/model';\nexport type P = Patch;"],
    ['main/patch/x.ts', 'export function f(window: number) {\n  return window + 1;\n}'],
    [
      'preload/preload.ts',
      "import { contextBridge, ipcRenderer } from 'electron';\nimport { requests } from './contract';\nexport const x = [contextBridge, ipcRenderer, requests];",
    ],
    [
      'preload/x.ts',
      "import { z } from 'zod';\nimport { OpSchema } from '../main/patch/ops';\nimport type { PatchChange } from '../main/session/session';\nexport const s = [z, OpSchema];\nexport type C = PatchChange;",
    ],
    [
      'renderer/x.tsx',
      "import { useState } from 'react';\nimport { applyOp } from '../main/patch/apply';\nimport type { RackClient } from '../preload/contract';\nexport const a = [useState, applyOp];\nexport type R = RackClient;",
    ],
    [
      'renderer/canvas/x.tsx',
      "import { toTopology } from '../../main/synth/topology';\nimport { ReactFlow } from '@xyflow/react';\nexport const t = [toTopology, ReactFlow];",
    ],
    ['renderer/x.ts', 'export const w = () => window.innerWidth + document.body.clientWidth;'],
    [
      'main/patch/x.test.ts',
      "import { readFileSync } from 'node:fs';\nimport { testCatalog } from '../../tests/helpers/catalog';\nexport const r = [readFileSync, testCatalog];",
    ],
    [
      'tests/integration/x.test.ts',
      "import { spawn } from 'node:child_process';\nimport { Session } from '../../main/session/session';\nexport const s = [spawn, Session];",
    ],
    ['scripts/x.mjs', "import fs from 'node:fs';\nexport const f = fs;"],
  ];

  it.each(cases)('%s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('ignored output folders', () => {
  it.each(['dist/app/electron-main.cjs', 'release/linux-unpacked/x.js', 'test-results/x.js', 'node_modules/x/index.js'])(
    '%s is not linted',
    async (file) => {
      expect(await eslint.isPathIgnored(path.join(repoRoot, file))).toBe(true);
    },
  );
});
