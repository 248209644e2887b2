/** The patch history: the open document's versions, preview, restore and compare. */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import type { Patch } from '../../main/patch/model';
import type { OpSource } from '../../main/patch/ops';
import type { PatchDiff } from '../../main/patch/diff';
import type { SessionResult } from '../../main/session/session';
import { request } from './request';

export type { PatchDiff };

/** One row of the history browser: a version, or a run of versions made by one gesture. */
export interface VersionInfo {
  /** The document version after this change (0 = the document's start). */
  version: number;
  /** The first version of a gesture run (equal to `version` for a single op). */
  firstVersion: number;
  time: number;
  source: OpSource;
  kind: 'start' | 'edit' | 'undo' | 'redo';
  label: string;
}

export interface VersionList {
  /** Database id of the open document, null before its first op. */
  document: number | null;
  /** Its latest version. */
  head: number;
  versions: VersionInfo[];
}

export const historyRequests = {
  /** The open document's versions, newest first (a gesture's ops as one row). */
  'history.versions': request<VersionList>()(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()),
  /** The patch at a version of the open document (read-only: nothing changes). */
  'history.preview': request<Result<{ version: number; patch: Patch }>>()(
    z.object({ version: z.number().int().min(0) }).strict(),
  ),
  /** Brings a version back as new ops (one undoable step). */
  'history.restore': request<SessionResult>()(z.object({ version: z.number().int().min(0) }).strict()),
  /** What differs between two versions of the open document (`to` omitted: the live patch). */
  'history.diff': request<Result<{ diff: PatchDiff; lines: string[] }>>()(
    z.object({ from: z.number().int().min(0), to: z.number().int().min(0).optional() }).strict(),
  ),
} as const;
