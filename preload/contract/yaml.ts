/** The YAML panel's diff base, and imports of Kubernetes manifests or a docker-compose file. */
import { z } from 'zod';
import type { Patch } from '../../main/patch/model';
import type { FileState } from './files';
import { none, PathSchema, request } from './request';

export const yamlRequests = {
  /** The open file's patch as it is on disk (the YAML panel's diff base); an error when untitled or unreadable. */
  'yaml.saved': request<{ ok: true; path: string; patch: Patch } | { ok: false; error: string }>()(none),
  /**
   * Imports Kubernetes manifests (a .yaml/.yml/.json file, or a folder of them) or a
   * docker-compose file as a new untitled patch; warnings name what could not be carried over.
   */
  'yaml.import': request<{ ok: true; warnings: string[]; notices: string[]; file: FileState } | { ok: false; error: string }>()(
    z.object({ path: PathSchema }).strict(),
  ),
} as const;
