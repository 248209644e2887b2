/**
 * The recent-files list: 10 paths, most recent first, kept as JSON in the data directory.
 * Files that no longer exist are dropped whenever the list is read, so the menu never offers a
 * dead entry. Failing to persist the list is logged, not shown: it costs the user nothing now.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

/** As many as VCV Rack's File > Open Recent shows. */
export const RECENT_MAX = 10;
export const RECENT_FILE_NAME = 'recent.json';

const RecentFileSchema = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)) });

export class RecentFiles {
  private files: string[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly logError: (message: string) => void = (m) => console.error(m),
  ) {}

  /** Reads the stored list; a missing or damaged file gives an empty list. */
  async load(): Promise<void> {
    try {
      const parsed = RecentFileSchema.safeParse(JSON.parse(await readFile(this.file(), 'utf8')));
      this.files = parsed.success ? parsed.data.files.slice(0, RECENT_MAX) : [];
    } catch {
      this.files = [];
    }
  }

  /** The existing files, most recent first. */
  list(): string[] {
    const existing = this.files.filter((f) => existsSync(f));
    if (existing.length !== this.files.length) this.files = existing;
    return [...existing];
  }

  /** Puts `path` (absolute) first and persists the list. */
  async add(path: string): Promise<void> {
    this.files = [path, ...this.files.filter((f) => f !== path)].slice(0, RECENT_MAX);
    await this.persist();
  }

  private async persist(): Promise<void> {
    try {
      await writeFileAtomic(this.file(), JSON.stringify({ version: 1, files: this.files }, null, 2) + '\n');
    } catch (error) {
      this.logError(`[k8s-synth] could not store the recent-files list: ${(error as Error).message}`);
    }
  }

  private file(): string {
    return join(this.dataDir, RECENT_FILE_NAME);
  }
}
