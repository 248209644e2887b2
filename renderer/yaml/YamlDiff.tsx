/**
 * The diff view of the YAML tab: the live patch against the saved file or an earlier version
 * (the patch history, when it has one), side by side or unified, under a one-line summary of the
 * change in Kubernetes terms.
 */
import type { Result } from '../../main/patch/result';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Patch } from '../../main/patch/model';
import { summarizeChange } from '../../main/synth/summary';
import { patchNameFor, patchToYaml } from '../../main/synth/synth';
import type { VersionList } from '../../preload/contract';
import { useHistoryView } from '../history/historyStore';
import { useRack } from '../store/rackStore';
import { DiffLayoutButtons } from './DiffLayoutButtons';
import { mountDiff, type DiffLayout } from './yaml-diff-view';

type Base = { kind: 'saved' } | { kind: 'version'; version: number };
type Loaded = Result<{ label: string; patch: Patch }> | null;

async function loadBase(base: Base): Promise<Loaded> {
  const { client } = useRack.getState();
  if (!client) return null;
  if (base.kind === 'saved') {
    const saved = await client.request('yaml.saved', {});
    return saved.ok ? { ok: true, label: 'saved file', patch: saved.patch } : saved;
  }
  const preview = await client.request('history.preview', { version: base.version });
  return preview.ok ? { ok: true, label: `version ${base.version}`, patch: preview.patch } : preview;
}

/**
 * The versions a diff can be taken against: this document's own (the history list of the open
 * patch), newest first, without its head (that is the live patch), at most 20.
 */
export function diffBaseVersions(list: VersionList): number[] {
  const versions = [...new Set(list.versions.map((v) => v.version))].filter((v) => v !== list.head);
  return versions.sort((a, b) => b - a).slice(0, MAX_BASES);
}
const MAX_BASES = 20;

export function YamlDiff() {
  const patch = useRack((s) => s.patch);
  const bases = useHistoryView((s) => diffBaseVersions(s.versions).join(','));
  const [base, setBase] = useState<Base>({ kind: 'saved' });
  const [layout, setLayout] = useState<DiffLayout>('split');
  const [loaded, setLoaded] = useState<Loaded>(null);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    loadBase(base).then(
      (l) => live && setLoaded(l),
      (e: unknown) => live && setLoaded({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [base]);

  const name = useRack((s) => patchNameFor(s.file.path));
  const after = useMemo(() => patchToYaml(patch, name).text, [patch, name]);
  const before = useMemo(() => (loaded?.ok ? patchToYaml(loaded.patch, name).text : undefined), [loaded, name]);
  const summary = useMemo(() => (loaded?.ok ? summarizeChange(loaded.patch, patch) : undefined), [loaded, patch]);

  useEffect(() => {
    if (!host.current || before === undefined) return;
    return mountDiff(host.current, before, after, layout);
  }, [before, after, layout]);

  return (
    <div className="yaml-diff" data-testid="yaml-diff">
      <div className="yaml-panel__bar">
        <label className="yaml-diff__label">
          Against{' '}
          <select
            data-testid="yaml-diff-base"
            value={base.kind === 'saved' ? 'saved' : String(base.version)}
            onChange={(e) =>
              setBase(e.target.value === 'saved' ? { kind: 'saved' } : { kind: 'version', version: Number(e.target.value) })
            }
          >
            <option value="saved">the saved file</option>
            {(bases ? bases.split(',').map(Number) : []).map((v) => (
              <option key={v} value={v}>
                version {v}
              </option>
            ))}
          </select>
        </label>
        <DiffLayoutButtons layout={layout} onChange={setLayout} className="yaml-panel__button" testIdPrefix="yaml-diff" />
      </div>
      <p className="yaml-diff__summary" data-testid="yaml-diff-summary" role="status">
        {loaded === null ? 'Loading…' : loaded.ok ? `Since the ${loaded.label}: ${summary}` : loaded.error}
      </p>
      <div className="yaml-diff__view" ref={host} />
    </div>
  );
}
