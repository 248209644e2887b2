/**
 * The patch: plain data. Modules sit in rows of 3U cases at an HP offset; cables run from an
 * output jack to an input jack. The order of `cables` is the stacking order (last = top).
 */
import { z } from 'zod';

/** Ids are short opaque strings chosen by whoever creates the thing (so replays reuse them). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1-64 letters, digits, _ or -');

/** JSON values, the only thing module data may hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

export const ModuleSchema = z.object({
  id: IdSchema,
  type: z.string().min(1),
  /** Row of the rack (0 = top case). */
  row: z.number().int().min(0),
  /** Left edge, in HP from the left of the row. */
  hp: z.number().int().min(0),
  params: z.record(z.string(), z.number()),
  data: z.record(z.string(), JsonSchema),
});

export const JackRefSchema = z.object({ module: IdSchema, jack: z.string().min(1) });

export const CableSchema = z.object({
  id: IdSchema,
  from: JackRefSchema,
  to: JackRefSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb'),
});

/**
 * The largest rack: 64 rows of 3U, each 416 HP (four 104 HP cases side by side). Room for about
 * 3,000 modules of the usual mix, so a namespace of 1,000 objects imported with its Pods fits
 * with its layout's gaps. Raising a limit never breaks an old file; lowering one would.
 */
export const MAX_RACK_ROWS = 64;
export const MAX_RACK_HP = 416;

export const RackSizeSchema = z.object({
  /** Number of 3U rows. */
  rows: z.number().int().min(1).max(MAX_RACK_ROWS),
  /** Width of every row in HP (84 = a 19-inch rack row; 104 is the other common case). */
  hp: z.number().int().min(8).max(MAX_RACK_HP),
});

export const PatchSchema = z.object({
  rack: RackSizeSchema,
  modules: z.array(ModuleSchema),
  cables: z.array(CableSchema),
});

export type Module = z.infer<typeof ModuleSchema>;
export type JackRef = z.infer<typeof JackRefSchema>;
export type Cable = z.infer<typeof CableSchema>;
export type RackSize = z.infer<typeof RackSizeSchema>;
export type Patch = z.infer<typeof PatchSchema>;

export const DEFAULT_RACK_SIZE: RackSize = { rows: 2, hp: 84 };

export function emptyPatch(rack: RackSize = DEFAULT_RACK_SIZE): Patch {
  return { rack: { ...rack }, modules: [], cables: [] };
}

/** VCV Rack's default palette: red, yellow, green, blue, purple. New cables cycle through it. */
export const CABLE_PALETTE = ['#f3374b', '#ffb437', '#00b56e', '#3695ef', '#8b4ade'] as const;

export function sameJack(a: JackRef, b: JackRef): boolean {
  return a.module === b.module && a.jack === b.jack;
}
