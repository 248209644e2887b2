/**
 * Recorded performances in the history database: a name, the starting patch, the timed events
 * (ms from the start, fractional), markers, the length and the hash of the final patch. Events
 * are written one by one as they happen, so a recording cut short by a crash keeps everything
 * up to its last event (its length is then that event's time).
 */
import type { Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import type { PerformanceEvent } from './core/replay-scheduler';
import type { Marker, PerformanceInfo } from '../../preload/contract';
import type { HistoryDatabase } from './database';
import { parseStoredJson } from '../patch/input-budget';

export type { Marker, PerformanceInfo };

export interface Performance {
  info: PerformanceInfo;
  start: Patch;
  events: PerformanceEvent[];
  finalHash: string | null;
}

interface Row {
  id: number;
  name: string;
  created: number;
  length: number | null;
  markers: string;
  count: number;
  last: number | null;
}

export class PerformanceStore {
  constructor(private readonly database: HistoryDatabase) {}

  create(name: string, created: number, start: Patch): number {
    return this.database.write(() =>
      Number(
        this.sql('INSERT INTO performances (name, created, start_patch) VALUES (?, ?, ?)').run(
          name,
          created,
          JSON.stringify(start),
        ).lastInsertRowid,
      ),
    );
  }

  /** Writes one event at once (its own transaction): a recorded change is on disk when it is seen. */
  append(perf: number, index: number, event: PerformanceEvent): void {
    const body = event.kind === 'ops' ? JSON.stringify(event.ops) : JSON.stringify(event.patch);
    this.sql('INSERT INTO perf_events (perf, idx, t, source, kind, body) VALUES (?, ?, ?, ?, ?, ?)').run(
      perf,
      index,
      event.t,
      event.source,
      event.kind,
      body,
    );
  }

  setMarkers(perf: number, markers: Marker[]): void {
    this.sql('UPDATE performances SET markers = ? WHERE id = ?').run(JSON.stringify(markers), perf);
  }

  finish(perf: number, length: number, markers: Marker[], finalHash: string): void {
    this.sql('UPDATE performances SET length = ?, markers = ?, final_hash = ? WHERE id = ?').run(
      length,
      JSON.stringify(markers),
      finalHash,
      perf,
    );
  }

  rename(perf: number, name: string): void {
    this.sql('UPDATE performances SET name = ? WHERE id = ?').run(name, perf);
  }

  delete(perf: number): void {
    this.sql('DELETE FROM performances WHERE id = ?').run(perf);
  }

  /** Every performance, newest first. */
  list(): PerformanceInfo[] {
    const rows = this.sql(
      `SELECT p.id, p.name, p.created, p.length, p.markers,
              (SELECT COUNT(*) FROM perf_events e WHERE e.perf = p.id) AS count,
              (SELECT MAX(t) FROM perf_events e WHERE e.perf = p.id) AS last
       FROM performances p ORDER BY p.id DESC`,
    ).all() as Row[];
    return rows.map(toInfo);
  }

  info(perf: number): PerformanceInfo | undefined {
    return this.list().find((p) => p.id === perf);
  }

  load(perf: number): Performance | undefined {
    const row = this.sql('SELECT start_patch, final_hash FROM performances WHERE id = ?').get(perf) as
      { start_patch: string; final_hash: string | null } | undefined;
    const info = this.info(perf);
    if (!row || !info) return undefined;
    const rows = this.sql('SELECT t, source, kind, body FROM perf_events WHERE perf = ? ORDER BY idx').raw().all(perf) as [
      number,
      PerformanceEvent['source'],
      PerformanceEvent['kind'],
      string,
    ][];
    const events: PerformanceEvent[] = rows.map(([t, source, kind, body]) =>
      kind === 'ops'
        ? { t, kind, source, ops: parseStoredJson(body, `performance ${perf} event`) as Op[] }
        : { t, kind, source, patch: parseStoredJson(body, `performance ${perf} event`) as Patch },
    );
    return {
      info,
      start: parseStoredJson(row.start_patch, `performance ${perf} start`) as Patch,
      events,
      finalHash: row.final_hash,
    };
  }

  /** Stores a whole performance (an import) in one transaction; returns its id. */
  insert(perf: Omit<Performance, 'info'> & { name: string; created: number; length: number; markers: Marker[] }): number {
    return this.database.write(() => {
      const id = this.create(perf.name, perf.created, perf.start);
      perf.events.forEach((event, index) => this.append(id, index, event));
      this.finish(id, perf.length, perf.markers, perf.finalHash ?? '');
      return id;
    });
  }

  private sql(text: string) {
    return this.database.statement(text);
  }
}

function toInfo(row: Row): PerformanceInfo {
  return {
    id: row.id,
    name: row.name,
    created: row.created,
    length: row.length ?? row.last ?? 0,
    eventCount: row.count,
    markers: parseStoredJson(row.markers, `performance ${row.id} markers`) as Marker[],
    finished: row.length !== null,
  };
}
