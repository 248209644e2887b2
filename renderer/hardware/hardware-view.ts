/**
 * What the Hardware tab and the canvas say about the physical rack, as pure functions of main's
 * HardwareState, the patch and the catalog: which case a module sits in, a link status as a word
 * and a tone, the counters a performer may need, and sentences for pending edits and knob pickups.
 */
import type { Catalog, KnobDef } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import { parsePhysicalModuleId } from '../../main/hardware/mirror/module-map';
import { jackLabel, moduleLabel as hardwareModuleLabel } from '../../main/hardware/mirror/physical';
import { type KnobPickup, type LinkCounters, type LinkInfo, type LinkStatus, type PendingEdit } from '../../preload/contract';
import { formatValue } from '../rack/knob-math';
import { moduleIndex } from '../rack/patch-index';

/** The link a physical module belongs to (its id is the bridge uid once the hello arrived). */
export function linkOfModule(links: readonly LinkInfo[], moduleId: string): LinkInfo | undefined {
  const place = parsePhysicalModuleId(moduleId);
  return place ? links.find((l) => l.id === place.bridgeUid) : undefined;
}

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

/** Each status as a badge: its tone and what it means to the performer. */
export const STATUS_VIEW: Record<LinkStatus, { tone: Tone; text: string }> = {
  opening: { tone: 'busy', text: 'Opening the serial port.' },
  handshake: { tone: 'busy', text: 'Waiting for the rack’s hello.' },
  syncing: { tone: 'busy', text: 'Loading the rack’s state (its snapshot).' },
  online: { tone: 'ok', text: 'Online: the rack and the screen follow each other.' },
  stale: { tone: 'warn', text: 'No heartbeat lately: the rack may be busy or the cable loose.' },
  lost: { tone: 'error', text: 'The port closed (USB unplugged?). Reconnecting by itself; nothing recorded is lost.' },
  incompatible: { tone: 'error', text: 'The rack speaks another protocol version: update its firmware or this app.' },
  closed: { tone: 'off', text: 'Closed.' },
};

/**
 * Whether a module's faceplate should look cut off from its case: only while its link is down or
 * silent (the screen may no longer match the rack). After Disconnect the modules are ordinary ones.
 */
export function isDimmed(status: LinkStatus | undefined): boolean {
  return status === 'lost' || status === 'stale';
}

/** The counters a card shows, in order, with what each means. */
export const COUNTER_ROWS: { key: keyof LinkCounters; label: string; title: string }[] = [
  { key: 'crcErrors', label: 'CRC errors', title: 'Frames from the rack dropped for a bad checksum (noise on the cable).' },
  { key: 'malformed', label: 'Malformed', title: 'Frames that decoded but made no sense (broken framing or a firmware bug).' },
  { key: 'seqGaps', label: 'Seq gaps', title: 'Messages from the rack that never arrived; each one triggers a resync.' },
  { key: 'resyncs', label: 'Resyncs', title: 'Full snapshots taken to catch up after a gap or a reconnect.' },
  { key: 'reconnects', label: 'Reconnects', title: 'Times the port was opened again after it closed.' },
  { key: 'rackCrcErrors', label: 'Rack CRC', title: 'Frames from this app the rack dropped (reported in its heartbeat).' },
  { key: 'rackDropped', label: 'Rack dropped', title: 'Commands the rack could not keep up with (reported in its heartbeat).' },
  {
    key: 'commandsCoalesced',
    label: 'Coalesced',
    title: 'LED updates merged so the link is not flooded (only the newest is sent).',
  },
  { key: 'framesIn', label: 'Frames in', title: 'Frames received from the rack.' },
  { key: 'framesOut', label: 'Frames out', title: 'Frames sent to the rack.' },
];

/** Counters that mean something went wrong (framesIn/Out are traffic, not trouble). */
export const TROUBLE_COUNTERS = new Set<keyof LinkCounters>([
  'crcErrors',
  'malformed',
  'seqGaps',
  'rackCrcErrors',
  'rackDropped',
]);

/** "Plug Deployment (slot 8) OUT → Pod (slot 0) LIFE on the rack". */
export function pendingLabel(edit: PendingEdit, patch: Patch, catalog: Catalog): string {
  const verb = edit.action === 'plug' ? 'Plug' : 'Pull';
  return `${verb} ${jackLabel(patch, catalog, edit.from)} → ${jackLabel(patch, catalog, edit.to)} on the rack`;
}

/** The knob a pickup names (`module/param`), or undefined when the patch has no such knob. */
export function pickupKnob(pickup: KnobPickup, patch: Patch, catalog: Catalog): { moduleId: string; knob: KnobDef } | undefined {
  const slash = pickup.key.indexOf('/');
  const moduleId = pickup.key.slice(0, slash);
  const m = moduleIndex(patch.modules).get(moduleId);
  const param = m ? catalog.get(m.type)?.params.find((p) => p.id === pickup.key.slice(slash + 1)) : undefined;
  return param?.kind === 'knob' ? { moduleId, knob: param } : undefined;
}

/** "Turn Pod web CPU up to 500 m to pick it up (it is at 120 m)". */
export function pickupText(pickup: KnobPickup, patch: Patch, catalog: Catalog): string {
  const found = pickupKnob(pickup, patch, catalog);
  if (!found) return `Turn ${pickup.key} to ${pickup.target} to pick it up`;
  const { moduleId, knob } = found;
  const way = pickup.target > pickup.physical ? 'up ' : pickup.target < pickup.physical ? 'down ' : '';
  return (
    `Turn ${hardwareModuleLabel(moduleIndex(patch.modules).get(moduleId), catalog, moduleId)} ${knob.label} ${way}to ${formatValue(knob, pickup.target)} ` +
    `to pick it up (it is at ${formatValue(knob, pickup.physical)})`
  );
}

/** "0.4 ms", "12 ms", "—". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
