/**
 * The Cluster tab: kubeconfig contexts, connect/disconnect, the namespace (picked or typed), a
 * status badge, what the user may do there (asked before any action is offered), Diff in the
 * diff view, Apply behind a confirmation, take over of conflicting fields, and import of a
 * namespace as a new patch. Everything that touches a cluster happens in main.
 */
import { useEffect, useState } from 'react';
import type { ClusterState } from '../../preload/contract';
import { confirmDialog } from '../shell/uiStore';
import { useRack } from '../store/rackStore';
import { ApplyConfirm } from './ApplyConfirm';
import { LiveSection } from './live/LiveSection';
import { ClusterDiff } from './ClusterDiff';
import { EnoPanel } from './EnoPanel';
import { FollowSwitch } from './FollowSwitch';
import { client, failed, run, useCluster } from './clusterStore';
import './cluster.css';

function useClusterState(): ClusterState | null {
  const rack = useRack((s) => s.client);
  useEffect(() => {
    if (!rack) return;
    const off = rack.on('cluster.changed', (state) => useCluster.setState({ state }));
    void rack.request('cluster.state', {}).then((state) => useCluster.setState({ state }));
    return off;
  }, [rack]);
  return useCluster((s) => s.state);
}

export function ClusterPanel() {
  const state = useClusterState();
  const busy = useCluster((s) => s.busy);
  const error = useCluster((s) => s.error);
  return (
    <div className="shell-panel cluster-panel" data-testid="cluster-panel">
      <h2 className="shell-panel__title">Cluster</h2>
      {state === null ? <p className="shell-muted">Loading…</p> : <Contexts state={state} />}
      {state?.connection ? <Connected state={state} /> : null}
      {busy ? (
        <p className="shell-muted" role="status" data-testid="cluster-busy">
          {busy}…
        </p>
      ) : null}
      {error ? (
        <p className="cluster-error" role="alert" data-testid="cluster-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Contexts({ state }: { state: ClusterState }) {
  const [picked, setPicked] = useState<string>('');
  const context =
    picked || state.connection?.context || state.contexts.find((c) => c.current)?.name || state.contexts[0]?.name || '';
  const connect = () =>
    run(`Connecting to ${context}`, async () => {
      const out = await client().request('cluster.connect', { context });
      if (!failed(out)) useCluster.setState({ state: out.state, plan: null, result: null });
    });
  if (state.contexts.length === 0)
    return (
      <div data-testid="cluster-empty">
        <p>
          <b>No contexts.</b> Read from {state.files.join(', ')}.
        </p>
        <p className="shell-muted">
          To try it without a cluster: <code className="shell-code">node scripts/control-plane.mjs start</code>, then start the
          editor with the KUBECONFIG it prints.
        </p>
        <Skipped errors={state.errors} />
      </div>
    );
  const info = state.contexts.find((c) => c.name === context);
  return (
    <div className="cluster-contexts">
      <label className="cluster-row">
        Context{' '}
        <select data-testid="cluster-context" value={context} onChange={(e) => setPicked(e.target.value)}>
          {state.contexts.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.current ? ' (current)' : ''}
            </option>
          ))}
        </select>
      </label>
      {info ? (
        <p className="shell-muted cluster-small" data-testid="cluster-context-info">
          {info.server} · user {info.user} · {info.authKind}
          {info.execCommand ? ` (${info.execCommand})` : ''}
        </p>
      ) : null}
      <div className="cluster-row">
        <button type="button" className="shell-button" data-testid="cluster-connect" onClick={connect}>
          {state.connection?.context === context ? 'Reconnect' : 'Connect'}
        </button>
        {state.connection ? (
          <button
            type="button"
            className="shell-button"
            data-testid="cluster-disconnect"
            onClick={() =>
              run('Disconnecting', async () =>
                useCluster.setState({ state: await client().request('cluster.disconnect', {}), plan: null }),
              )
            }
          >
            Disconnect
          </button>
        ) : null}
      </div>
      <Skipped errors={state.errors} />
    </div>
  );
}

function Skipped({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <details className="cluster-small" data-testid="cluster-skipped">
      <summary>{errors.length} kubeconfig entries skipped</summary>
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </details>
  );
}

function Connected({ state }: { state: ClusterState }) {
  const c = state.connection!;
  const plan = useCluster((s) => s.plan);
  const result = useCluster((s) => s.result);
  const dirty = useRack((s) => s.file.dirty);
  // The typed namespace, until main reports a switch (then the field shows main's).
  const [typed, setTyped] = useState<{ for: string; value: string }>({ for: c.namespace, value: c.namespace });
  const ns = typed.for === c.namespace ? typed.value : c.namespace;
  const setNs = (value: string) => setTyped({ for: c.namespace, value });
  const [selector, setSelector] = useState('');
  const [confirm, setConfirm] = useState<{ takeOver: boolean } | null>(null);
  const may = c.permissions?.allowed;
  const changes = plan ? plan.counts.create + plan.counts.update + plan.counts.delete + plan.counts.adopt : 0;
  const conflicts = plan?.items.filter((i) => i.action === 'conflict') ?? [];

  const diff = () =>
    run('Diffing (server-side dry run)', async () => {
      const out = await client().request('cluster.diff', {});
      if (!failed(out)) useCluster.setState({ plan: out.plan, result: null });
    });
  const apply = (takeOver: boolean) =>
    run(`Applying to ${c.context}/${c.namespace}`, async () => {
      const keys = takeOver ? conflicts.map((i) => i.key) : [];
      const out = await client().request('cluster.apply', { plan: plan!.id, takeOver: keys });
      if (!failed(out)) useCluster.setState({ result: out.result, plan: null });
    });
  const importNs = async () => {
    if (
      dirty &&
      !(await confirmDialog({
        title: 'Discard unsaved changes?',
        message: `Importing ${ns} replaces the open patch, which has unsaved changes.`,
        confirmLabel: 'Discard and import',
      }))
    )
      return;
    await run(`Importing ${ns}`, async () => {
      const out = await client().request('cluster.import', { namespace: ns, ...(selector ? { labelSelector: selector } : {}) });
      if (!failed(out))
        useCluster.setState({ plan: null, result: null, error: out.warnings.length ? out.warnings.join('\n') : null });
    });
  };

  return (
    <div className="cluster-connected">
      <StatusBadge state={state} />
      <label className="cluster-row">
        Namespace{' '}
        <input
          data-testid="cluster-namespace"
          list="cluster-namespaces"
          value={ns}
          onChange={(e) => setNs(e.target.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && ns !== c.namespace && void setNamespace(ns)}
        />
        <datalist id="cluster-namespaces">
          {(c.namespaces ?? []).map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {ns !== c.namespace ? (
          <button
            type="button"
            className="shell-button"
            data-testid="cluster-namespace-set"
            onClick={() => void setNamespace(ns)}
          >
            Use
          </button>
        ) : null}
      </label>
      {c.namespaces === undefined && c.status.authenticated ? (
        <p className="shell-muted cluster-small">You may not list namespaces here: type the one you use.</p>
      ) : null}
      <Permissions state={state} />
      <FollowSwitch state={state} />
      <EnoPanel />
      <LiveSection />
      <div className="cluster-row">
        <button type="button" className="shell-button" data-testid="cluster-diff-button" disabled={!may?.diff} onClick={diff}>
          Diff
        </button>
        <button
          type="button"
          className="shell-button shell-button--danger"
          data-testid="cluster-apply-button"
          disabled={!may?.apply || !plan || changes === 0 || plan.counts.error > 0}
          onClick={() => setConfirm({ takeOver: false })}
        >
          Apply…
        </button>
        {conflicts.length ? (
          <button
            type="button"
            className="shell-button"
            data-testid="cluster-take-over"
            disabled={!may?.apply}
            onClick={() => setConfirm({ takeOver: true })}
          >
            Take over {conflicts.length}…
          </button>
        ) : null}
      </div>
      {plan ? <ClusterDiff plan={plan} /> : null}
      {result ? (
        <div data-testid="cluster-result" role="status">
          <p>
            <b>
              Applied to {result.context}/{result.namespace}:
            </b>{' '}
            {result.summary}
          </p>
          <ul className="cluster-items">
            {result.items
              .filter((i) => i.outcome !== 'unchanged')
              .map((i) => (
                <li key={i.key} className={`cluster-item cluster-item--${i.outcome}`}>
                  <b>{i.outcome}</b> {i.kind} {i.name}
                  {i.error ? <div className="cluster-error">{i.error}</div> : null}
                  {(i.conflicts ?? []).map((x) => (
                    <div key={x.field}>
                      {x.field} is owned by <b>{x.manager}</b>
                    </div>
                  ))}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <div className="cluster-row cluster-import">
        <input
          data-testid="cluster-selector"
          placeholder="label selector (optional)"
          value={selector}
          onChange={(e) => setSelector(e.target.value)}
        />
        <button
          type="button"
          className="shell-button"
          data-testid="cluster-import"
          disabled={!may?.import}
          onClick={() => void importNs()}
        >
          Import namespace
        </button>
      </div>
      {confirm && plan ? (
        <ApplyConfirm
          plan={plan}
          takeOver={confirm.takeOver}
          onAnswer={(ok) => {
            setConfirm(null);
            if (ok) void apply(confirm.takeOver);
          }}
        />
      ) : null}
    </div>
  );
}

function setNamespace(namespace: string) {
  return run(`Checking ${namespace}`, async () => {
    const out = await client().request('cluster.namespace', { namespace });
    if (!failed(out)) useCluster.setState({ state: out.state, plan: null, result: null });
  });
}

function StatusBadge({ state }: { state: ClusterState }) {
  const s = state.connection!.status;
  const level = s.reachable && s.authenticated ? 'ok' : s.reachable ? 'warn' : 'bad';
  return (
    <div className={`cluster-badge cluster-badge--${level}`} data-testid="cluster-status">
      <span>{s.reachable ? `reachable · ${s.serverVersion ?? '?'}` : 'unreachable'}</span>
      <span>{s.authenticated ? `authenticated as ${s.username ?? s.user}` : 'not authenticated'}</span>
      {s.error ? <div className="cluster-error">{s.error}</div> : null}
    </div>
  );
}

function Permissions({ state }: { state: ClusterState }) {
  const p = state.connection!.permissions;
  if (!p) return null;
  const actions = Object.entries(p.allowed) as [string, boolean][];
  return (
    <div className="cluster-small" data-testid="cluster-permissions">
      <p>
        In {p.namespace} you may:{' '}
        {actions.map(([a, ok]) => (
          <span key={a} className={ok ? 'cluster-may' : 'cluster-maynot'}>
            {ok ? '✓' : '✗'} {a}{' '}
          </span>
        ))}
      </p>
      {p.denied.length ? (
        <p className="shell-muted">
          Refused: {p.denied.slice(0, 6).join(', ')}
          {p.denied.length > 6 ? ', …' : ''}
        </p>
      ) : null}
    </div>
  );
}
