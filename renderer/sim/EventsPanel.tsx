/**
 * The Events tab: the simulator's events as `kubectl get events` shows them (newest last),
 * filtered by object (the name on the rack), type and reason. A new patch (open, import) starts
 * an empty list (simStore).
 */
import { useMemo, useState } from 'react';
import { moduleName } from '../../main/synth/topology';
import { useRack } from '../store/rackStore';
import { useSim } from './simStore';
import { useSimConnection } from './useSimConnection';
import './sim.css';

export function EventsPanel() {
  useSimConnection();
  const events = useSim((s) => s.events);
  const [object, setObject] = useState('');
  const [type, setType] = useState<'' | 'Normal' | 'Warning'>('');
  const [reason, setReason] = useState('');
  const reasons = useMemo(() => [...new Set(events.map((e) => e.reason))].sort(), [events]);
  const names = useRack((s) => s.patch.modules);
  // Events name modules by id; the rack shows names (pod-2), so the list and its filter use those.
  const nameOf = (id: string) => {
    const m = names.find((x) => x.id === id);
    return m ? moduleName(m) : id;
  };
  const shown = events.filter(
    (e) =>
      (!object || nameOf(e.object).includes(object) || e.object.includes(object)) &&
      (!type || e.type === type) &&
      (!reason || e.reason === reason),
  );
  return (
    <div className="sim-events" data-testid="events-panel">
      <div className="sim-events__filters">
        <input
          placeholder="Object"
          value={object}
          onChange={(e) => setObject(e.target.value)}
          data-testid="events-filter-object"
          aria-label="Filter by object"
        />
        <select
          value={type}
          onChange={(e) => setType(e.target.value as typeof type)}
          data-testid="events-filter-type"
          aria-label="Filter by type"
        >
          <option value="">All types</option>
          <option value="Normal">Normal</option>
          <option value="Warning">Warning</option>
        </select>
        <select
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="events-filter-reason"
          aria-label="Filter by reason"
        >
          <option value="">All reasons</option>
          {reasons.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p className="sim-events__empty">No events{events.length ? ' match the filter' : ' yet: press Run under the rack'}.</p>
      ) : (
        <table className="sim-events__table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Type</th>
              <th>Reason</th>
              <th>Object</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(-200).map((e, i) => (
              <tr key={i} className={e.type === 'Warning' ? 'warning' : undefined} data-testid="sim-event-row">
                <td>{(e.time / 1000).toFixed(1)}s</td>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td className="sim-events__object">
                  {e.kind}/{nameOf(e.object)}
                </td>
                <td className="sim-events__message">
                  {e.message}
                  {e.count > 1 ? ` (×${e.count})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
