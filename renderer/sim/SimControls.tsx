/**
 * The simulator's transport strip under the rack: run/pause, single step, speed, reset, the
 * simulated time, and the faults that apply to the selected module (kill a Pod, fail/restore a
 * Node, partition/heal a Service).
 */
import { SpeedOptions } from '../shell/SpeedOptions';
import { useState } from 'react';
import { SIM_SPEED_MAX, SIM_SPEED_MIN } from '../../main/sim/core/types';
import type { SimFault } from '../../preload/contract';
import { moduleName } from '../../main/synth/topology';
import { useRack } from '../store/rackStore';
import { useSim } from './simStore';
import { useSimConnection } from './useSimConnection';
import { GestureConfirm } from '../cluster/live/GestureConfirm';
import { SourceBadge } from '../cluster/live/SourceBadge';
import { useLive } from '../cluster/live/liveStore';
import './sim.css';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10].filter((s) => s >= SIM_SPEED_MIN && s <= SIM_SPEED_MAX);

export function SimControls() {
  useSimConnection();
  const client = useRack((s) => s.client);
  const status = useSim((s) => s.status);
  const live = useLive((s) => s.source === 'live');
  const control = (action: 'run' | 'pause' | 'step' | 'reset' | 'speed', speed?: number) =>
    void client?.request('sim.control', speed === undefined ? { action } : { action, speed });
  if (live)
    // The live cluster runs by itself: no transport, only the source and the gestures on real objects.
    return (
      <div className="sim-strip" data-testid="sim-controls" role="toolbar" aria-label="Live cluster">
        <SourceBadge />
        <Faults live />
        <GestureConfirm />
      </div>
    );
  return (
    <div className="sim-strip" data-testid="sim-controls" role="toolbar" aria-label="Simulated cluster">
      <SourceBadge />
      {status.running ? (
        <button data-testid="sim-pause" onClick={() => control('pause')} title="Pause the simulation">
          ❚❚ Pause
        </button>
      ) : (
        <button
          data-testid="sim-run"
          className="shell-button shell-button--primary"
          onClick={() => control('run')}
          title="Run the simulation"
        >
          ▶ Run
        </button>
      )}
      <button data-testid="sim-step" onClick={() => control('step')} title="Advance 100 ms of simulated time">
        Step
      </button>
      <label className="sim-strip__speed">
        Speed
        <select data-testid="sim-speed" value={status.speed} onChange={(e) => control('speed', Number(e.target.value))}>
          <SpeedOptions speeds={SPEEDS} />
        </select>
      </label>
      <button data-testid="sim-reset" onClick={() => control('reset')} title="Back to time 0: every Pod starts again">
        Reset
      </button>
      <span className="sim-strip__time" data-testid="sim-time" title="Simulated time since start">
        t = {(status.time / 1000).toFixed(1)} s
      </span>
      <Faults />
    </div>
  );
}

/**
 * Fault buttons for the one selected module, when it is a Pod, a Node or a Service. Live, only
 * Kill pod, which asks main for a confirmation before deleting the real Pod.
 */
function Faults({ live = false }: { live?: boolean }) {
  const client = useRack((s) => s.client);
  const selected = useRack((s) =>
    s.selection.modules.length === 1 ? s.patch.modules.find((m) => m.id === s.selection.modules[0]) : undefined,
  );
  const line = useSim((s) => (selected ? s.moduleStatus[selected.id] : undefined));
  const [error, setError] = useState<string | null>(null);
  if (!selected) return <span className="sim-strip__hint">Select a Pod, Node or Service for faults</span>;
  const inject = (kind: SimFault['kind']) => {
    setError(null);
    const asked = live
      ? client?.request('live.gesture', { kind: 'kill-pod', module: selected.id })
      : client?.request('sim.fault', { kind, target: selected.id });
    void asked?.then((r) => setError(r.ok ? null : r.error));
  };
  const buttons: [SimFault['kind'], string][] = live
    ? selected.type === 'pod'
      ? [['kill-pod', 'Kill Pod…']]
      : []
    : selected.type === 'pod'
      ? [['kill-pod', 'Kill Pod']]
      : selected.type === 'node'
        ? line?.startsWith('NotReady')
          ? [['restore-node', 'Restore Node']]
          : [['fail-node', 'Fail Node']]
        : selected.type === 'service'
          ? line?.includes('partitioned')
            ? [['heal-service', 'Heal partition']]
            : [['partition-service', 'Partition']]
          : [];
  return (
    <span className="sim-strip__faults">
      <span className="sim-strip__status" data-testid="sim-selected-status">
        {moduleName(selected)}: {line ?? '—'}
      </span>
      {buttons.map(([kind, label]) => (
        <button key={kind} className="danger" data-testid={`sim-fault-${kind}`} onClick={() => inject(kind)}>
          {label}
        </button>
      ))}
      {error && (
        <span className="sim-strip__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
