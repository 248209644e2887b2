/**
 * The Hardware tab: the cases of the physical rack (one card per serial link), the mirror switch,
 * edits waiting for the performer's hands (ghost cables on the canvas), knobs waiting to be picked
 * up, the patch guide, and how to connect a case (or a virtual rack, to try it without hardware).
 */
import type { KnobPickup, PendingEdit } from '../../preload/contract';
import { useRack } from '../store/rackStore';
import { ConnectForm } from './ConnectForm';
import { pendingLabel, pickupText } from './hardware-view';
import { cancelPending, setMirror, useHardware } from './hardwareStore';
import { LinkCard } from './LinkCard';
import { PatchGuide } from './PatchGuide';
import { useHardwareConnection } from './useHardwareConnection';
import './hardware.css';

export function HardwarePanel() {
  useHardwareConnection();
  const links = useHardware((s) => s.hardware.links);
  return (
    <div className="shell-panel hw-panel" data-testid="hardware-panel">
      <h2 className="shell-panel__title">Hardware</h2>
      {links.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <MirrorSwitch />
          <div className="hw-links" data-testid="hw-links">
            {links.map((l) => (
              <LinkCard key={l.id} link={l} />
            ))}
          </div>
          <PendingList />
          <PickupList />
        </>
      )}
      <PatchGuide />
      <ConnectForm />
    </div>
  );
}

function EmptyState() {
  return (
    <div className="hw-empty" data-testid="hw-empty">
      <p>
        <b>No rack connected.</b> Each case of a physical rack has a small bridge board on USB. Once linked, a cable you plug, a
        knob you turn or a switch you flip shows up here within a frame, and the Pods’ lights show on the rack’s LEDs.
      </p>
      <p className="shell-muted hw-small">
        Without hardware: run <code className="shell-code">k8s-synth virtual-rack --modules pod@0,deployment@8</code> in a
        terminal, then paste the path it prints into “Connect by path” below.
      </p>
    </div>
  );
}

function MirrorSwitch() {
  const client = useRack((s) => s.client);
  const on = useHardware((s) => s.hardware.mirror);
  return (
    <label
      className="hw-mirror"
      title="Off: the links stay up, but nothing the rack does changes the patch and no lights are sent."
    >
      <input
        type="checkbox"
        role="switch"
        data-testid="hw-mirror"
        checked={on}
        disabled={!client}
        onChange={(e) => client && void setMirror(client, e.target.checked)}
      />
      <span>
        Mirror {on ? 'on' : 'off'}
        <span className="shell-muted hw-small"> — {on ? 'rack and screen follow each other' : 'rack events are ignored'}</span>
      </span>
    </label>
  );
}

function PendingList() {
  const pending = useHardware((s) => s.hardware.pending);
  return pending.length === 0 ? null : <PendingRows pending={pending} />;
}

/** Apart from PendingList so only a non-empty list follows the patch (names change; knob turns re-render it). */
function PendingRows({ pending }: { pending: PendingEdit[] }) {
  const client = useRack((s) => s.client);
  const patch = useRack((s) => s.patch);
  const catalog = useRack((s) => s.catalog);
  return (
    <section className="hw-section" aria-label="Waiting for your hands">
      <h3 className="hw-section__title">Waiting for your hands</h3>
      <ul className="hw-list" data-testid="hw-pending">
        {pending.map((p) => (
          <li key={p.id} className="hw-list__row" data-testid={`hw-pending-${p.id}`}>
            <span className="hw-swatch" style={{ background: p.color }} aria-hidden="true" />
            <span className="hw-list__text">{pendingLabel(p, patch, catalog)}</span>
            <button
              type="button"
              className="shell-button shell-button--small"
              data-testid="hw-pending-cancel"
              disabled={!client}
              onClick={() => client && void cancelPending(client, p.id)}
            >
              Cancel
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PickupList() {
  const pickups = useHardware((s) => s.hardware.pickups);
  return pickups.length === 0 ? null : <PickupRows pickups={pickups} />;
}

function PickupRows({ pickups }: { pickups: KnobPickup[] }) {
  const patch = useRack((s) => s.patch);
  const catalog = useRack((s) => s.catalog);
  return (
    <section className="hw-section" aria-label="Knobs to pick up">
      <h3 className="hw-section__title">Knobs to pick up</h3>
      <ul className="hw-list" data-testid="hw-pickups">
        {pickups.map((p) => (
          <li key={p.key} className="hw-list__row" data-testid={`hw-pickup-${p.key}`}>
            <span className="hw-list__text">{pickupText(p, patch, catalog)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
