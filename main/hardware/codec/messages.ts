/**
 * Wire protocol v2: every message the rack's bridge and the app exchange, as plain data.
 * resources/protocol/PROTOCOL.md is the same table written for a firmware author; the two are
 * kept equal by a test that reads the doc's table. Byte layouts live in the encoder/decoder.
 *
 * Rack → host types are 0x01–0x3F, host → rack 0x40–0x6F, either direction 0x7E/0x7F.
 */

/** 2: the LOG text got a length byte (a v1 layout changed, so a major version: PROTOCOL.md §14). */
export const PROTOCOL_MAJOR = 2;
export const PROTOCOL_MINOR = 0;

/** Message type codes (byte 0 of a frame). */
export const MESSAGE_TYPES = {
  hello: 0x01,
  'module-info': 0x02,
  'module-gone': 0x03,
  'cable-on': 0x10,
  'cable-off': 0x11,
  jack: 0x12,
  knob: 0x20,
  switch: 0x21,
  heartbeat: 0x30,
  'snap-begin': 0x31,
  'snap-end': 0x32,
  fault: 0x33,
  log: 0x34,
  pong: 0x35,
  'hello-req': 0x41,
  'snapshot-req': 0x42,
  'set-led': 0x43,
  'set-leds': 0x44,
  'set-gate': 0x45,
  config: 0x46,
  ping: 0x47,
  'guide-jack': 0x48,
  'guide-clear': 0x49,
  nack: 0x7e,
  ack: 0x7f,
} as const;

export type MessageKind = keyof typeof MESSAGE_TYPES;

/** Frame flags (byte 2). Receivers ignore bits they do not know. */
export const FLAG_ACK_REQ = 0x01;
/** The frame is part of a snapshot dump (between snap-begin and snap-end). */
export const FLAG_SNAPSHOT = 0x02;

/**
 * HELLO capability bits: what this bridge can do, so the host neither sends what it would NACK nor
 * waits for events it never sends. Receivers ignore bits they do not know.
 */
export const CAPS = {
  /** Senses which output feeds which input (CABLE_ON/CABLE_OFF). */
  cableSense: 0x0001,
  /** Reports plug switches (JACK). */
  jackSense: 0x0002,
  /** Honours SET_LED rgb on colour LEDs. */
  rgbLeds: 0x0004,
  /** Drives gate outputs (SET_GATE). */
  gates: 0x0008,
  /** Lights jacks for the patch guide (GUIDE_JACK / GUIDE_CLEAR). */
  guide: 0x0010,
} as const;

/** A jack on one module of a case: `slot` is the module's left edge in HP from the case's left rail. */
export interface JackAddress {
  slot: number;
  jack: number;
}

export const JACK_DIRECTIONS = ['input', 'output'] as const;
export type JackDirection = (typeof JACK_DIRECTIONS)[number];

export const LED_MODES = ['steady', 'blink', 'pulse'] as const;
export type LedMode = (typeof LED_MODES)[number];

/** What a patch-guide light at a jack asks the performer to do. */
export const GUIDE_STATES = ['off', 'plug', 'unplug', 'done'] as const;
export type GuideState = (typeof GUIDE_STATES)[number];

export const FAULT_CODES = ['cable-conflict', 'bus-error', 'tx-overflow', 'module-error'] as const;
export type FaultCode = (typeof FAULT_CODES)[number];

export const NACK_ERRORS = ['unknown-type', 'bad-length', 'bad-index', 'busy', 'version'] as const;
export type NackError = (typeof NACK_ERRORS)[number];

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// --- rack → host ---
export interface HelloMessage {
  kind: 'hello';
  protoMajor: number;
  protoMinor: number;
  /** Firmware version major.minor.patch. */
  firmware: [number, number, number];
  /** The bridge's 64-bit unique id as 16 lowercase hex digits: identifies a case across ports and replugs. */
  bridgeUid: string;
  /** Largest frame the bridge accepts, in bytes before COBS. */
  maxFrame: number;
  /** Capability bits (see PROTOCOL.md). */
  caps: number;
  /** Case name, UTF-8, at most 16 bytes. */
  name: string;
}

export interface ModuleInfoMessage {
  kind: 'module-info';
  slot: number;
  /** Module type id (a catalog entry's `hardwareId`). */
  typeId: number;
  hwRev: number;
  /** The module's 32-bit unique id. */
  moduleUid: number;
  inputs: number;
  outputs: number;
  knobs: number;
  switches: number;
  leds: number;
  /** Real resolution of the knob ADC; knob values are always sent left-justified in 16 bits. */
  knobBits: number;
}

export interface ModuleGoneMessage {
  kind: 'module-gone';
  slot: number;
}

export interface CableMessage {
  kind: 'cable-on' | 'cable-off';
  from: JackAddress;
  to: JackAddress;
}

export interface JackMessage {
  kind: 'jack';
  slot: number;
  direction: JackDirection;
  jack: number;
  inserted: boolean;
}

export interface KnobMessage {
  kind: 'knob';
  slot: number;
  knob: number;
  /** 0..65535, left-justified (a 12-bit ADC value << 4). */
  value: number;
}

export interface SwitchMessage {
  kind: 'switch';
  slot: number;
  switch: number;
  position: number;
}

export interface HeartbeatMessage {
  kind: 'heartbeat';
  uptimeMs: number;
  /** +1 (mod 65536) per state event the rack has sent; lets the host notice a lost event. */
  stateGen: number;
  /** Frames the rack dropped for a bad CRC / because its send queue was full. */
  crcErrors: number;
  dropped: number;
}

export interface SnapBeginMessage {
  kind: 'snap-begin';
  /** Seq of the snapshot-req this answers (0 when the rack sends one unasked). */
  reqSeq: number;
  stateGen: number;
  modules: number;
  cables: number;
}

export interface SnapEndMessage {
  kind: 'snap-end';
  reqSeq: number;
  stateGen: number;
  /** Frames between snap-begin and snap-end, so the host can tell a dump is whole. */
  frameCount: number;
}

export interface FaultMessage {
  kind: 'fault';
  code: FaultCode;
  slot: number;
  detail: number;
}

export interface LogMessage {
  kind: 'log';
  level: LogLevel;
  /** UTF-8, at most 50 bytes. */
  text: string;
}

export interface PongMessage {
  kind: 'pong';
  token: number;
}

// --- host → rack ---
export interface HelloReqMessage {
  kind: 'hello-req';
  protoMajor: number;
  protoMinor: number;
  app: [number, number, number];
}

export interface SnapshotReqMessage {
  kind: 'snapshot-req';
}

export interface SetLedMessage {
  kind: 'set-led';
  slot: number;
  led: number;
  /** 0..255. */
  level: number;
  mode: LedMode;
  /** RGB override for colour LEDs; [0,0,0] = the LED's own colour. */
  rgb: [number, number, number];
}

export interface SetLedsMessage {
  kind: 'set-leds';
  slot: number;
  first: number;
  /** Levels 0..255 of LEDs first, first+1, … (at most 48). */
  levels: number[];
}

export interface SetGateMessage {
  kind: 'set-gate';
  slot: number;
  jack: number;
  /** 0..255 (a gate is 0 or 255). */
  level: number;
  /** 0 = hold the level; otherwise fall back to 0 after this many ms. */
  pulseMs: number;
}

export interface ConfigMessage {
  kind: 'config';
  knobMinIntervalMs: number;
  knobDeadband: number;
  heartbeatMs: number;
}

export interface PingMessage {
  kind: 'ping';
  token: number;
}

export interface GuideJackMessage {
  kind: 'guide-jack';
  slot: number;
  direction: JackDirection;
  jack: number;
  state: GuideState;
}

export interface GuideClearMessage {
  kind: 'guide-clear';
}

// --- either direction ---
export interface AckMessage {
  kind: 'ack';
  ackedSeq: number;
}

export interface NackMessage {
  kind: 'nack';
  ackedSeq: number;
  error: NackError;
}

export type RackMessage =
  | HelloMessage
  | ModuleInfoMessage
  | ModuleGoneMessage
  | CableMessage
  | JackMessage
  | KnobMessage
  | SwitchMessage
  | HeartbeatMessage
  | SnapBeginMessage
  | SnapEndMessage
  | FaultMessage
  | LogMessage
  | PongMessage;

export type HostMessage =
  | HelloReqMessage
  | SnapshotReqMessage
  | SetLedMessage
  | SetLedsMessage
  | SetGateMessage
  | ConfigMessage
  | PingMessage
  | GuideJackMessage
  | GuideClearMessage;

export type Message = RackMessage | HostMessage | AckMessage | NackMessage;

/** One decoded frame: its header and its message. */
export interface Frame<M extends Message = Message> {
  seq: number;
  flags: number;
  message: M;
}
