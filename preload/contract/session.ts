/** The live patch: read it, apply an op to it, undo and redo; the app's identity and its notices. */
import { z } from 'zod';
import type { CatalogEntry } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import { OpSchema, type OpSource } from '../../main/patch/ops';
import type { UndoState, PatchChange, SessionResult } from '../../main/session/session';
import { none, request } from './request';

export type { UndoState, PatchChange, SessionResult };

/** Renderers speak for the user only: hardware, cluster and replay ops come from main itself. */
export const RENDERER_SOURCES = ['ui', 'yaml'] as const satisfies readonly OpSource[];

export interface AppInfo {
  mode: 'electron' | 'web';
  version: string;
  /** True when a native file dialog is available (Electron); web mode asks for a path. */
  nativeDialogs: boolean;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export const sessionRequests = {
  'app.info': request<AppInfo>()(none),
  'catalog.get': request<CatalogEntry[]>()(none),
  'patch.get': request<{ version: number; patch: Patch }>()(none),
  'patch.apply': request<SessionResult>()(
    z
      .object({
        op: OpSchema,
        source: z.enum(RENDERER_SOURCES),
        gesture: z.string().max(100).optional(),
        /** The patch version the op was made against (YAML, data edits): a stale op is merged or refused. */
        baseVersion: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  'undo.undo': request<SessionResult>()(none),
  'undo.redo': request<SessionResult>()(none),
  'undo.state': request<UndoState>()(none),
} as const;

export interface SessionEventPayloads {
  'patch.changed': PatchChange;
  'undo.changed': UndoState;
  /** Something the user should read: load warnings, autosave failures, recovered work. */
  notice: Notice;
}

export const SESSION_EVENT_NAMES = [
  'patch.changed',
  'undo.changed',
  'notice',
] as const satisfies readonly (keyof SessionEventPayloads)[];
