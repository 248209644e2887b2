/**
 * Builds ops that add modules and cables to a patch as it grows: fresh ids, free rack slots
 * (adding rows when the rack is full), palette colours. Shared by YAML edits and imports.
 */
import type { Catalog } from '../patch/catalog';
import { applyOp } from '../patch/apply';
import { nearestFreeSlot, placeGrowingRack } from '../patch/layout';
import { CABLE_PALETTE, MAX_RACK_ROWS, type Json, type JackRef, type Patch } from '../patch/model';
import type { Op } from '../patch/ops';

export class PatchBuilder {
  readonly ops: Op[] = [];
  /** The manifest field the next ops come from, so a refusal can point at its line. */
  field: (string | number)[] | undefined;
  private used: Set<string>;
  private colour = 0;

  constructor(
    public patch: Patch,
    private readonly catalog: Catalog,
  ) {
    this.used = new Set([...patch.modules.map((m) => m.id), ...patch.cables.map((c) => c.id)]);
  }

  /** Ids that generated ids must avoid: those new objects in the text ask for (their annotation). */
  private reserved = new Set<string>();

  reserve(ids: Iterable<string>): void {
    for (const id of ids) this.reserved.add(id);
  }

  /** A fresh id with this prefix ("pod-4"). */
  id(prefix: string): string {
    for (let n = 1; ; n++) {
      const id = `${prefix}-${n}`;
      if (!this.used.has(id) && !this.reserved.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Applies `op` to the running patch (so later slots and checks see it); an error is thrown as text. */
  push(op: Op): void {
    const result = applyOp(this.patch, op, this.catalog);
    if (!result.ok) throw new Error(result.error.message);
    this.patch = result.patch;
    this.ops.push(op);
  }

  /**
   * Adds a module near `near` (row, hp), growing the rack by a row when it is full. `preferredId`
   * (the module annotation of an imported manifest) is used when it is free, so re-importing our
   * own YAML gives back the same ids.
   */
  addModule(
    type: string,
    data: Record<string, Json>,
    params: Record<string, number>,
    near = { row: 0, hp: 0 },
    preferredId?: string,
  ): string {
    const width = this.catalog.get(type)?.hp ?? 8;
    // In a grown rack the module goes to the start of the new last row.
    const found = placeGrowingRack(this.patch, (view, grown) =>
      nearestFreeSlot(view, this.catalog, width, grown ? { row: view.rack.rows - 1, hp: 0 } : near),
    );
    if (found?.rack) this.push({ type: 'set-rack', rack: found.rack });
    const slot = found?.placed;
    if (!slot) throw new Error(`The rack is full (${MAX_RACK_ROWS} rows): remove modules before adding more.`);
    const free = preferredId !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(preferredId) && !this.used.has(preferredId);
    if (free) this.used.add(preferredId);
    const id = free ? preferredId : this.id(type);
    this.push({
      type: 'add-module',
      module: { id, type, row: slot.row, hp: slot.hp, params: { ...this.catalog.defaultParams(type), ...params }, data },
    });
    return id;
  }

  connect(from: JackRef, to: JackRef, colour?: string): void {
    const color = colour ?? CABLE_PALETTE[this.colour++ % CABLE_PALETTE.length]!;
    this.push({ type: 'connect', cable: { id: this.id('c'), from, to, color } });
  }

  disconnectWhere(test: (from: JackRef, to: JackRef) => boolean): void {
    for (const c of this.patch.cables.filter((c) => test(c.from, c.to))) this.push({ type: 'disconnect', id: c.id });
  }
}
