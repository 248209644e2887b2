/**
 * The cluster's Events as the Events tab's rows (the simulator's SimEvent): reason, the object by
 * its module when the rack shows it (else "Kind/name"), message, count. Each Event is reported
 * once per count it reaches, whether it came from a watch or a relist: a relist after a lost
 * stream neither drops nor repeats a row. Pure.
 */
import type { SimEvent } from '../../sim/core/types';
import type { KubeObject } from './kube-object';
import type { LiveMapping } from './live-map';

interface KubeEvent {
  involvedObject?: { kind?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  eventTime?: string;
  lastTimestamp?: string;
  firstTimestamp?: string;
}

/** When the Event last happened, ms since the epoch (0 when it says nothing). */
const when = (e: KubeEvent & KubeObject) =>
  Date.parse(
    e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '',
  ) || 0;

/** The module an Event is about: its object's, or a Deployment's for one of its ReplicaSets. */
function moduleFor(e: KubeEvent, mapping: LiveMapping, byUid: Map<string, string>): string | undefined {
  const o = e.involvedObject;
  if (!o) return undefined;
  if (o.uid && byUid.has(o.uid)) return byUid.get(o.uid);
  if (o.kind === 'ReplicaSet' && o.name) {
    for (const [module, obj] of mapping.objects)
      if (o.name.startsWith(`${obj.metadata.name}-`) && mapping.extras.has(module)) return module;
  }
  return undefined;
}

/**
 * The rows not yet reported; `seen` (uid → count reported) is updated. `origin` is the time
 * the live view began: rows are stamped in ms since then, as simulated events are.
 */
export function newEventRows(
  events: readonly KubeObject[],
  mapping: LiveMapping,
  seen: Map<string, number>,
  origin: number,
): SimEvent[] {
  const byUid = new Map<string, string>();
  for (const [module, obj] of mapping.objects) byUid.set(obj.metadata.uid, module);
  const rows: { at: number; row: SimEvent }[] = [];
  for (const raw of events) {
    const e = raw as KubeEvent & KubeObject;
    const count = e.series?.count ?? e.count ?? 1;
    if ((seen.get(e.metadata.uid) ?? 0) >= count) continue;
    seen.set(e.metadata.uid, count);
    const at = when(e);
    const module = moduleFor(e, mapping, byUid);
    const kind = e.involvedObject?.kind ?? 'Object';
    rows.push({
      at,
      row: {
        time: at - origin,
        type: e.type === 'Warning' ? 'Warning' : 'Normal',
        reason: e.reason ?? '',
        object: module ?? `${kind}/${e.involvedObject?.name ?? '?'}`,
        kind: kind.toLowerCase(),
        message: e.message ?? '',
        count,
      },
    });
  }
  return rows.sort((a, b) => a.at - b.at).map((r) => r.row);
}

/** Forgets Events the cluster no longer holds (they expire after an hour), so `seen` stays bounded. */
export function pruneSeen(events: readonly KubeObject[], seen: Map<string, number>): void {
  const alive = new Set(events.map((e) => e.metadata.uid));
  for (const uid of seen.keys()) if (!alive.has(uid)) seen.delete(uid);
}
