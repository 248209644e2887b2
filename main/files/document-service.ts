/**
 * The open document: which file the live patch belongs to (null = untitled), whether it has
 * unsaved changes, and the entries of the file this app could not load (kept and written back on
 * save, so a file from a newer app survives a round trip). New, open, open-example and save live
 * here; the patch itself stays in the Session. A file that cannot be loaded changes nothing.
 */
import type { Result } from '../patch/result';
import { basename, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile, PATCH_FILE_EXTENSION, serializePatch, type PatchDocument, type Unloaded } from '../patch/file';
import { emptyPatch, type Patch } from '../patch/model';
import type { Session } from '../session/session';
import type { FileState, LoadOutcome, Notice } from '../../preload/contract';
import { INPUT_BUDGET } from '../patch/input-budget';
import { examplePath } from './examples';
import { describeFsError } from './fs-errors';
import { readTextFile } from './read-bounded';
import type { RecentFiles } from './recent-files';

export type SaveOutcome = Result<{ file: FileState }>;

export interface DocumentServiceOptions {
  session: Session;
  catalog: Catalog;
  recent: RecentFiles;
  /** Where resources/examples lives. */
  resourcesDir: string;
  /** Shows the user something to read (load warnings). */
  notify: (notice: Notice) => void;
}

const emptyUnloaded = (): Unloaded => ({ modules: [], cables: [] });

/** The name shown for a document: its file name, or "Untitled patch". */
export function documentName(path: string | null): string {
  return path ? basename(path) : 'Untitled patch';
}

export class DocumentService {
  private path: string | null = null;
  private unloaded: Unloaded = emptyUnloaded();
  /** Session version that matches the file on disk; null = dirty whatever the version. */
  private cleanVersion: number | null;
  private loading = false;
  private lastDirty = false;
  private readonly listeners = new Set<(state: FileState) => void>();

  constructor(private readonly options: DocumentServiceOptions) {
    this.cleanVersion = options.session.version;
    options.session.subscribe(() => {
      // A load sets the clean version itself once the Session has taken the new patch.
      if (!this.loading && this.dirty() !== this.lastDirty) this.changed();
    });
  }

  /** Path, dirty flag and recent files, as the renderer shows them. */
  state(): FileState {
    return { path: this.path, dirty: this.dirty(), recent: this.options.recent.list() };
  }

  /** The live patch with the unloaded entries: what a save writes. */
  document(): PatchDocument {
    return { patch: this.options.session.patch, unloaded: this.unloaded };
  }

  /** Calls `fn` whenever path, dirty flag or recent files change; returns the disposer. */
  subscribe(fn: (state: FileState) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** An empty untitled patch. */
  newDocument(): FileState {
    this.replace({ patch: emptyPatch(), unloaded: emptyUnloaded() }, null, false);
    return this.state();
  }

  /** Opens a .k8spatch file. On any error the current patch and file stay as they were. */
  async open(path: string): Promise<LoadOutcome> {
    const absolute = resolve(path);
    const loaded = await this.read(absolute);
    if (!loaded.ok) return loaded;
    await this.options.recent.add(absolute);
    this.replace(loaded.document, absolute, false);
    this.reportWarnings(absolute, loaded.warnings);
    return { ok: true, warnings: loaded.warnings, file: this.state() };
  }

  /** Opens a bundled example as an untitled patch, so saving never overwrites the example. */
  async openExample(name: string): Promise<LoadOutcome> {
    const file = await examplePath(this.options.resourcesDir, name);
    if (!file) return { ok: false, error: `There is no example called "${name}".` };
    const loaded = await this.read(file);
    if (!loaded.ok) return loaded;
    this.replace(loaded.document, null, false);
    this.reportWarnings(file, loaded.warnings);
    return { ok: true, warnings: loaded.warnings, file: this.state() };
  }

  /**
   * Writes the document to `path` (".k8spatch" appended when missing) or to the open file.
   * The write is atomic (temp file, then rename): a crash mid-save leaves the old file whole.
   */
  async save(path?: string): Promise<SaveOutcome> {
    const target = path ?? this.path;
    if (!target) return { ok: false, error: 'This patch has no file yet: choose where to save it.' };
    const absolute = withExtension(resolve(target));
    const version = this.options.session.version;
    try {
      await writeFileAtomic(absolute, serializePatch(this.document()));
    } catch (error) {
      return {
        ok: false,
        error: `Could not save ${basename(absolute)}: ${describeFsError(error)}. The patch is still open; try another place.`,
      };
    }
    this.path = absolute;
    // Edits made while the file was being written are not in it: only the written version is clean.
    this.cleanVersion = version;
    await this.options.recent.add(absolute);
    this.changed();
    return { ok: true, file: this.state() };
  }

  /** Puts back a recovered working state (autosave): its file, patch and dirty flag. */
  restore(document: PatchDocument, path: string | null, dirty: boolean): void {
    this.replace(document, path, dirty);
  }

  private replace(document: { patch: Patch; unloaded: Unloaded }, path: string | null, dirty: boolean): void {
    this.loading = true;
    try {
      const version = this.options.session.load(document.patch, 'file');
      this.cleanVersion = dirty ? null : version;
    } finally {
      this.loading = false;
    }
    this.path = path;
    this.unloaded = document.unloaded;
    this.changed();
  }

  private async read(path: string): Promise<Result<{ document: PatchDocument; warnings: string[] }>> {
    const name = basename(path);
    const read = await readTextFile(path, name, INPUT_BUDGET.patchBytes);
    if (!read.ok) return { ok: false, error: `Could not open ${name}: ${read.reason}.` };
    const parsed = parsePatchFile(read.text, this.options.catalog);
    if (!parsed.ok) return { ok: false, error: `Could not open ${name}: ${parsed.error}` };
    return { ...parsed, warnings: [...read.warnings, ...parsed.warnings] };
  }

  /** Load warnings go out once, as one notice, so a file with many problems is one message. */
  private reportWarnings(path: string, warnings: string[]): void {
    if (warnings.length === 0) return;
    const count = warnings.length === 1 ? 'one entry' : `${warnings.length} entries`;
    this.options.notify({
      level: 'warning',
      message: `${basename(path)} opened, but ${count} could not be shown (they are kept and saved back):\n${warnings.join('\n')}`,
    });
  }

  private dirty(): boolean {
    return this.cleanVersion === null || this.cleanVersion !== this.options.session.version;
  }

  private changed(): void {
    const state = this.state();
    this.lastDirty = state.dirty;
    for (const fn of this.listeners) fn(state);
  }
}

/** Patch files are recognised by extension (file dialogs, the OS): add it when missing. */
export function withExtension(path: string): string {
  return path.toLowerCase().endsWith(PATCH_FILE_EXTENSION) ? path : `${path}${PATCH_FILE_EXTENSION}`;
}
