/** The YAML panel's diff base, and imports of Kubernetes manifests or a docker-compose file. */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import type { Patch } from '../../main/patch/model';
import type { FileState } from './files';
import { none, PathSchema, request } from './request';

export const yamlRequests = {
  /** The open file's patch as it is on disk (the YAML panel's diff base); an error when untitled or unreadable. */
  'yaml.saved': request<Result<{ path: string; patch: Patch }>>()(none),
  /**
   * Imports Kubernetes manifests (a .yaml/.yml/.json file, or a folder of them) or a
   * docker-compose file as a new untitled patch; warnings name what could not be carried over.
   */
  'yaml.import': request<Result<{ warnings: string[]; notices: string[]; file: FileState }>>()(
    z.object({ path: PathSchema }).strict(),
  ),
} as const;
