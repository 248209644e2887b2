/** The open file: new, open, save, examples, and its state (path, dirty, recent files). */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import { IdSchema } from '../../main/patch/model';
import { none, PathSchema, request } from './request';

export interface FileState {
  /** Absolute path of the open file, or null for an untitled patch. */
  path: string | null;
  /** True when the patch differs from the file on disk. */
  dirty: boolean;
  recent: string[];
}

export interface Example {
  name: string;
  title: string;
  description: string;
}

export type LoadOutcome = Result<{ warnings: string[]; file: FileState }>;

export const fileRequests = {
  'file.state': request<FileState>()(none),
  'file.new': request<FileState>()(none),
  'file.open': request<LoadOutcome>()(z.object({ path: PathSchema }).strict()),
  /** Shows the native open dialog (Electron); resolves to null when cancelled or unavailable. */
  'file.pickOpen': request<LoadOutcome | null>()(none),
  /** Saves to `path`, or to the open file's path when omitted (errors when untitled). */
  'file.save': request<Result<{ file: FileState }>>()(z.object({ path: PathSchema.optional() }).strict()),
  /** Shows the native save dialog (Electron); resolves to null when cancelled or unavailable. */
  'file.pickSave': request<Result<{ file: FileState }> | null>()(none),
  'file.examples': request<Example[]>()(none),
  'file.openExample': request<LoadOutcome>()(z.object({ name: IdSchema }).strict()),
} as const;

export interface FileEventPayloads {
  'file.changed': FileState;
}

export const FILE_EVENT_NAMES = ['file.changed'] as const satisfies readonly (keyof FileEventPayloads)[];
