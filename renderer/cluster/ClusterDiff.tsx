/** The diff of a plan in the existing YAML diff view, under its one-line summary. */
import { useEffect, useRef } from 'react';
import type { PlanView } from '../../preload/contract';
import { mountDiff } from '../yaml/yaml-diff-view';

export function ClusterDiff({ plan }: { plan: PlanView }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    return mountDiff(host.current, plan.before, plan.after, 'unified');
  }, [plan]);
  return (
    <div className="cluster-diff" data-testid="cluster-diff">
      <p className="yaml-diff__summary" data-testid="cluster-diff-summary" role="status">
        {plan.context}/{plan.namespace}: {plan.summary}
      </p>
      <ul className="cluster-items" data-testid="cluster-items">
        {plan.items
          .filter((i) => i.action !== 'unchanged')
          .map((i) => (
            <li key={i.key} className={`cluster-item cluster-item--${i.action}`}>
              <b>{i.action}</b> {i.kind} {i.name}
              {i.error ? <div className="cluster-error">{i.error}</div> : null}
              {i.changes.slice(0, 8).map((c) => (
                <div key={c.path} className="cluster-change">
                  {c.path}: {JSON.stringify(c.before) ?? '—'} → {JSON.stringify(c.after) ?? '(removed)'}
                </div>
              ))}
              {(i.conflicts ?? []).map((c) => (
                <div key={c.field} className="cluster-conflict" data-testid="cluster-conflict">
                  {c.field} is owned by <b>{c.manager}</b>
                </div>
              ))}
            </li>
          ))}
        {plan.kept.map((k) => (
          <li key={k} className="cluster-item">
            kept {k}
          </li>
        ))}
      </ul>
      {plan.before || plan.after ? <div className="yaml-diff__view cluster-diff__view" ref={host} /> : null}
    </div>
  );
}
