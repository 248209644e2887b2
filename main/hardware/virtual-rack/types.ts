/**
 * The virtual rack's public shapes: what a case is made of, what the emulator lets a test or a
 * script do to it, and the actions scripts and performances are made of.
 */
import type { Catalog } from '../../patch/catalog';
import type { CaseCable, CaseState } from '../codec/case-state';
import type { Frame, GuideState, HostMessage, JackAddress, JackDirection, LedMode, LogLevel } from '../codec/messages';

export interface VirtualModuleSpec {
  slot: number;
  /** Catalog type, e.g. 'pod' (it must have a hardwareId). */
  type: string;
  /** The module's 32-bit uid; default derived from the case and slot. */
  uid?: number;
  /** Knob and switch positions at insert, by catalog param id in the param's units (default: the catalog defaults). */
  params?: Record<string, number>;
}

export interface VirtualCaseSpec {
  /** Shown in the hello (at most 16 UTF-8 bytes) and used for the pty link's name. */
  name: string;
  /** 16 lowercase hex digits; default derived from the name. */
  bridgeUid?: string;
  modules: VirtualModuleSpec[];
  /** Cables patched before the host connects (output → input, wire numbers). */
  cables?: CaseCable[];
  /** Default 500. 0 turns heartbeats off. */
  heartbeatMs?: number;
}

export interface VirtualRackOptions {
  cases: VirtualCaseSpec[];
  catalog: Catalog;
  /** Where the pty links go; default a new temp dir (removed on close). */
  dir?: string;
  firmware?: [number, number, number];
  protoMajor?: number;
  /** Seed of the fault-injection PRNG (each case adds its index). Default 1. */
  seed?: number;
}

export interface VirtualRack {
  cases: VirtualCase[];
  /** The case with this name; throws when there is none. */
  case(name: string): VirtualCase;
  close(): Promise<void>;
}

/** Fault injection on the rack → host byte stream; rates are per byte, the PRNG is seeded. */
export interface FaultSettings {
  dropRate: number;
  corruptRate: number;
  delayMs: number;
}

export interface VirtualCase {
  readonly name: string;
  readonly bridgeUid: string;
  /** The path the app opens (the other end of the pty pair). */
  readonly path: string;
  state(): CaseState;
  /** from = an output, to = an input; sends cable-on (an occupied input gets fault cable-conflict, as hardware would). */
  plug(from: JackAddress, to: JackAddress): void;
  unplug(from: JackAddress, to: JackAddress): void;
  /** One knob frame per call, never coalesced (the bench counts every event). */
  turn(slot: number, knob: number, value: number): void;
  flip(slot: number, sw: number, position: number): void;
  /** A raw jack-switch event (a cable end inserted or pulled without a partner). */
  jack(slot: number, direction: JackDirection, jack: number, inserted: boolean): void;
  insertModule(spec: VirtualModuleSpec): void;
  removeModule(slot: number): void;
  /** Sends a log frame (UTF-8, at most 50 bytes). */
  log(level: LogLevel, text: string): void;
  /** USB unplug: the pty pair disappears (its socat is killed); replug brings a new pair at the same path and a hello. */
  unplugUsb(): Promise<void>;
  replugUsb(): Promise<void>;
  readonly plugged: boolean;
  faults: FaultSettings;
  /** Host → rack commands received (decoded), newest last. */
  readonly received: Frame<HostMessage>[];
  onCommand(listener: (frame: Frame<HostMessage>) => void): () => void;
  /** LED levels keyed `slot/led`. */
  leds(): Record<string, number>;
  /** Level, mode and RGB override of every LED the host has set, keyed `slot/led`. */
  ledDetails(): Record<string, { level: number; mode: LedMode; rgb: [number, number, number] }>;
  /** Guide lights keyed `slot/<in|out>/jack`. */
  guide(): Record<string, GuideState>;
  /** Gate outputs keyed `slot/jack`: level 0..255. */
  gates(): Record<string, number>;
  /** Bytes counted by the rack: frames sent, bytes written, frames it dropped on a full TX queue, host frames it could not decode. */
  counters(): RackCounters;
}

export interface RackCounters {
  framesOut: number;
  bytesOut: number;
  framesIn: number;
  /** Host frames with a bad CRC or broken framing (reported as crcErrors in the heartbeat). */
  badFrames: number;
  /** Frames thrown away because the host did not read (reported as dropped in the heartbeat). */
  dropped: number;
}

/** One thing done to a case; scripts and performances are lists of these between waits. */
export type RackAction =
  | { kind: 'plug' | 'unplug'; from: JackAddress; to: JackAddress }
  | { kind: 'turn'; slot: number; knob: number; value: number }
  /** A linear knob move from → to over `ms`, one frame every 1/hz s (both ends included). */
  | { kind: 'sweep'; slot: number; knob: number; from: number; to: number; ms: number; hz: number }
  | { kind: 'flip'; slot: number; switch: number; position: number }
  | { kind: 'jack'; slot: number; direction: JackDirection; jack: number; inserted: boolean }
  | { kind: 'insert'; module: VirtualModuleSpec }
  | { kind: 'remove'; slot: number }
  | { kind: 'usb'; plugged: boolean }
  | { kind: 'fault'; settings: Partial<FaultSettings> }
  | { kind: 'log'; level: LogLevel; text: string };

export type ScriptStep =
  | { kind: 'wait'; ms: number; line: number }
  | { kind: 'do'; caseName: string; action: RackAction; line: number }
  /** Prints a line on the emulator's output (for demos). */
  | { kind: 'say'; text: string; line: number }
  | { kind: 'repeat'; times: number; body: ScriptStep[]; line: number };
