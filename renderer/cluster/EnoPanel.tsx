/**
 * Eno in the Cluster tab: publish the patch's topology ConfigMap (after a confirmation naming the
 * namespace; while following, on every change if chosen), and a small faceplate per Composition
 * that binds it, with its LEDs: synthesized, reconciled, ready, error. Eno's controller writes
 * that status; the rack only reads it.
 */
import { useEffect, useState } from 'react';
import type { CompositionView, EnoState } from '../../preload/contract';
import { confirmDialog } from '../shell/uiStore';
import { client, failed, run, useCluster } from './clusterStore';
import { useFollow } from './followStore';
import './follow.css';

function Led({ on, tone, label }: { on: boolean; tone: 'ok' | 'bad'; label: string }) {
  return (
    <span className="eno-led" data-testid={`eno-led-${label.toLowerCase()}`} data-on={on}>
      <span className={`follow-led${on ? ` eno-led--${tone}` : ''}`} aria-hidden />
      {label}
    </span>
  );
}

function Faceplate({ c }: { c: CompositionView }) {
  return (
    <div className="eno-faceplate" data-testid={`eno-composition-${c.name}`}>
      <div className="eno-faceplate__title">
        <b>{c.name}</b> <span className="shell-muted">{c.synthesizer ? `synthesizer ${c.synthesizer}` : ''}</span>
      </div>
      <div className="eno-faceplate__leds">
        <Led on={Boolean(c.synthesized)} tone="ok" label="SYNTHESIZED" />
        <Led on={Boolean(c.reconciled)} tone="ok" label="RECONCILED" />
        <Led on={Boolean(c.ready)} tone="ok" label="READY" />
        <Led on={Boolean(c.error)} tone="bad" label="ERROR" />
      </div>
      <div className="cluster-small" data-testid="eno-status">
        {c.status ?? 'no status yet (is Eno’s controller running?)'}
        {c.error ? <div className="cluster-error">{c.error}</div> : null}
      </div>
    </div>
  );
}

export function EnoPanel() {
  const connection = useCluster((s) => s.state?.connection);
  const follow = useFollow((s) => s.state);
  const [eno, setEno] = useState<EnoState | null>(null);
  const namespace = connection?.namespace;
  const refresh = () =>
    run('Reading Eno’s Compositions', async () => {
      const out = await client().request('eno.status', {});
      if (!failed(out)) setEno(out.eno);
    });
  useEffect(() => {
    if (namespace) void refresh();
  }, [namespace, follow?.applies]);
  if (!connection || !namespace) return null;
  const publish = async () => {
    if (
      !(await confirmDialog({
        title: 'Publish the topology?',
        message: `The patch's topology ConfigMap is applied to ${connection.context} / ${namespace}. An Eno Composition that binds it resynthesizes.`,
        confirmLabel: `Publish to ${namespace}`,
      }))
    )
      return;
    await run(`Publishing the topology to ${namespace}`, async () => {
      const out = await client().request('eno.publish', { namespace });
      if (!failed(out)) setEno(out.eno);
    });
  };
  const toggle = (on: boolean) =>
    void client()
      .request('follow.publish-topology', { on })
      .then((state) => useFollow.setState({ state }));
  return (
    <div className="eno-panel" data-testid="eno-panel">
      <div className="cluster-row">
        <b>Eno</b>
        <button type="button" className="shell-button" data-testid="eno-publish" onClick={() => void publish()}>
          Publish topology…
        </button>
        <button type="button" className="shell-button" data-testid="eno-refresh" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      <label className="cluster-small">
        <input
          type="checkbox"
          data-testid="eno-follow-publish"
          checked={follow?.publishTopology ?? false}
          onChange={(e) => toggle(e.target.checked)}
        />{' '}
        while following, publish it on every change
      </label>
      {eno ? (
        <div className="cluster-small" data-testid="eno-summary">
          ConfigMap {eno.configMap}:{' '}
          {eno.published ? `published (resourceVersion ${eno.published.resourceVersion})` : 'not published'}
          {' · '}
          {eno.crdsInstalled
            ? `${eno.compositions.length} Composition${eno.compositions.length === 1 ? '' : 's'} bind it`
            : 'Eno’s CRDs are not installed in this cluster'}
        </div>
      ) : null}
      {eno?.compositions.map((c) => (
        <Faceplate key={c.name} c={c} />
      ))}
    </div>
  );
}
