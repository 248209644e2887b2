/**
 * Ops: every change to a patch, as data (the same idea as React Flow's NodeChange).
 * Whoever creates a module or cable picks its id, so an op replays to the same patch.
 */
import { z } from 'zod';
import {
  CableSchema,
  IdSchema,
  JsonSchema,
  ModuleSchema,
  RackSizeSchema,
  type Cable,
  type Json,
  type Module,
  type RackSize,
} from './model';

export type Op =
  /** `index` places the module in the module list (undo restores order); default: the end. */
  | { type: 'add-module'; module: Module; index?: number }
  | { type: 'remove-module'; id: string }
  | { type: 'move-module'; id: string; row: number; hp: number }
  | { type: 'set-param'; id: string; param: string; value: number }
  | { type: 'set-data'; id: string; data: Record<string, Json> }
  /** `index` is the position in the cable stack (undo restores it); default: on top. */
  | { type: 'connect'; cable: Cable; index?: number }
  | { type: 'disconnect'; id: string }
  | { type: 'set-cable-color'; id: string; color: string }
  | { type: 'set-rack'; rack: RackSize }
  | { type: 'batch'; label?: string; ops: Op[] };

/** Where an op came from. Decides whether it enters undo history (see UNDOABLE_SOURCES). */
export const OP_SOURCES = ['ui', 'yaml', 'hardware', 'cluster', 'replay', 'file'] as const;
export type OpSource = (typeof OP_SOURCES)[number];

/**
 * Sources whose ops the user can undo. A cable plugged on the physical rack is not undone by
 * software (the cable is still in the jack), a cluster change is the cluster's, a replay is a
 * performance playing back, and a file load is a new document.
 */
export const UNDOABLE_SOURCES: ReadonlySet<OpSource> = new Set(['ui', 'yaml']);

const MAX_BATCH = 100_000;

export const OpSchema: z.ZodType<Op> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('add-module'), module: ModuleSchema, index: z.number().int().min(0).optional() }),
    z.object({ type: z.literal('remove-module'), id: IdSchema }),
    z.object({ type: z.literal('move-module'), id: IdSchema, row: z.number().int(), hp: z.number().int() }),
    z.object({ type: z.literal('set-param'), id: IdSchema, param: z.string(), value: z.number().finite() }),
    z.object({ type: z.literal('set-data'), id: IdSchema, data: z.record(z.string(), JsonSchema) }),
    z.object({ type: z.literal('connect'), cable: CableSchema, index: z.number().int().min(0).optional() }),
    z.object({ type: z.literal('disconnect'), id: IdSchema }),
    z.object({ type: z.literal('set-cable-color'), id: IdSchema, color: CableSchema.shape.color }),
    z.object({ type: z.literal('set-rack'), rack: RackSizeSchema }),
    z.object({ type: z.literal('batch'), label: z.string().max(200).optional(), ops: z.array(OpSchema).max(MAX_BATCH) }),
  ]),
);

/** The ids of the modules and cables an op changes ('rack' for the rack's size), nested batches included. */
export function touchedIds(op: Op, into: Set<string> = new Set()): Set<string> {
  switch (op.type) {
    case 'add-module':
      into.add(op.module.id);
      break;
    case 'remove-module':
    case 'move-module':
    case 'set-param':
    case 'set-data':
    case 'disconnect':
    case 'set-cable-color':
      into.add(op.id);
      break;
    case 'connect':
      into.add(op.cable.id);
      break;
    case 'set-rack':
      into.add('rack');
      break;
    case 'batch':
      for (const inner of op.ops) touchedIds(inner, into);
      break;
  }
  return into;
}

export function batch(ops: Op[], label?: string): Op {
  return label === undefined ? { type: 'batch', ops } : { type: 'batch', label, ops };
}

/** A short human label for an op, for undo menus and history ("add Pod", "connect"). */
export function describeOp(op: Op): string {
  switch (op.type) {
    case 'add-module':
      return `add ${op.module.type}`;
    case 'remove-module':
      return 'remove module';
    case 'move-module':
      return 'move module';
    case 'set-param':
      return `set ${op.param}`;
    case 'set-data':
      return 'edit module data';
    case 'connect':
      return 'connect cable';
    case 'disconnect':
      return 'disconnect cable';
    case 'set-cable-color':
      return 'recolor cable';
    case 'set-rack':
      return 'resize rack';
    case 'batch':
      return op.label ?? (op.ops.length === 1 && op.ops[0] ? describeOp(op.ops[0]) : `${op.ops.length} changes`);
    default:
      return assertNever(op);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
