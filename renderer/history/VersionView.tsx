/**
 * What the History tab shows for a selected version: its YAML, read-only (preview), or the YAML
 * diff of two versions (compare), each under the one-line Kubernetes summary of main/synth. The
 * preview also draws the rack at that version (RackThumbnail). The
 * YAML, the summary and the diff view are the YAML tab's own (main/synth, renderer/yaml), so a
 * version reads exactly as the YAML tab would have shown it.
 */
import type { Result } from '../../main/patch/result';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Patch } from '../../main/patch/model';
import { summarizeChange } from '../../main/synth/summary';
import { patchNameFor, patchToYaml } from '../../main/synth/synth';
import { useUi } from '../shell/uiStore';
import { useRack } from '../store/rackStore';
import { RackThumbnail } from './RackThumbnail';

/** A side panel at least this wide shows a compare side by side at first. */
const WIDE_PANEL_PX = 520;
import { DiffLayoutButtons } from '../yaml/DiffLayoutButtons';
import { mountDiff, mountYamlView, type DiffLayout } from '../yaml/yaml-diff-view';

export type Shown = { kind: 'preview'; version: number } | { kind: 'compare'; from: number; to: number };

type Loaded = Result<{ patches: Patch[] }> | null;

/** The patches of the shown versions, in order, from main's history. */
async function loadPatches(versions: number[]): Promise<Loaded> {
  const { client } = useRack.getState();
  if (!client) return null;
  const answers = await Promise.all(versions.map((version) => client.request('history.preview', { version })));
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, patches: answers.map((a) => (a.ok ? a.patch : undefined)!) };
}

export function VersionView({ shown }: { shown: Shown }) {
  const live = useRack((s) => s.patch);
  const name = useRack((s) => patchNameFor(s.file.path));
  const [loaded, setLoaded] = useState<Loaded>(null);
  const catalog = useRack((s) => s.catalog);
  // Side by side needs room: in the narrow side panel every line would wrap.
  const [layout, setLayout] = useState<DiffLayout>(() => (useUi.getState().panelWidth < WIDE_PANEL_PX ? 'unified' : 'split'));
  const host = useRef<HTMLDivElement>(null);
  const versions = shown.kind === 'preview' ? [shown.version] : [shown.from, shown.to];
  const key = versions.join(',');

  useEffect(() => {
    // The panel keys this view by what it shows, so a new selection starts from "Loading…".
    let current = true;
    loadPatches(key.split(',').map(Number)).then(
      (l) => current && setLoaded(l),
      (e: unknown) => current && setLoaded({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const texts = useMemo(() => (loaded?.ok ? loaded.patches.map((p) => patchToYaml(p, name).text) : undefined), [loaded, name]);

  useEffect(() => {
    if (!host.current || !texts) return;
    return texts.length === 1 ? mountYamlView(host.current, texts[0]!) : mountDiff(host.current, texts[0]!, texts[1]!, layout);
  }, [texts, layout]);

  let title: string;
  let summary = '';
  if (!loaded) title = 'Loading…';
  else if (!loaded.ok) title = loaded.error;
  else if (shown.kind === 'preview') {
    const [at] = loaded.patches as [Patch];
    title = `Version ${shown.version} (read-only): ${at.modules.length} modules, ${at.cables.length} cables`;
    summary = `From it to now: ${summarizeChange(at, live)}`;
  } else {
    title = `From version ${shown.from} to version ${shown.to}`;
    summary = summarizeChange(loaded.patches[0]!, loaded.patches[1]!);
  }

  return (
    <div className="history-shown" data-testid="history-shown">
      <div className="history-shown__bar">
        <p className="history-shown__title">{title}</p>
        {shown.kind === 'compare' && (
          <DiffLayoutButtons
            layout={layout}
            onChange={setLayout}
            className="shell-button shell-button--small"
            testIdPrefix="history-diff"
          />
        )}
      </div>
      {summary && (
        <p className="history-shown__summary" data-testid="history-summary" role="status">
          {summary}
        </p>
      )}
      {shown.kind === 'preview' && loaded?.ok && <RackThumbnail patch={loaded.patches[0]!} catalog={catalog} />}
      <div className="history-shown__yaml" data-testid="history-yaml" ref={host} />
    </div>
  );
}
