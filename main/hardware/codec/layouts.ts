/**
 * The payload layout of every message kind: its fields in wire order. PROTOCOL.md's per-message
 * tables describe the same lists for a firmware author; the doc test compares their sizes.
 * A v1 payload never grows: a minor version adds message types, flag bits and caps bits only.
 */
import {
  bool,
  byteTuple,
  countedBytes,
  enumeration,
  type FieldCodec,
  hexId,
  jackAddress,
  PayloadError,
  type Reader,
  shortText,
  u16,
  u32,
  u8,
  type Writer,
} from './fields';
import {
  FAULT_CODES,
  GUIDE_STATES,
  JACK_DIRECTIONS,
  LED_MODES,
  LOG_LEVELS,
  type Message,
  type MessageKind,
  NACK_ERRORS,
} from './messages';

/** Limits of the variable-length fields. */
export const HELLO_NAME_MAX_BYTES = 16;
export const LOG_TEXT_MAX_BYTES = 50;
export const SET_LEDS_MAX_LEVELS = 48;

/** The message of one kind (CableMessage carries two kinds, so Extract alone would miss it). */
export type MessageOf<K extends MessageKind> = Message extends infer M
  ? M extends { kind: infer MK }
    ? K extends MK
      ? M
      : never
    : never
  : never;

type Fields<M> = Omit<M, 'kind'>;
type FieldEntry<M> = { [P in keyof Fields<M>]: readonly [P, FieldCodec<Fields<M>[P]>] }[keyof Fields<M>];
type Layout<M> = readonly FieldEntry<M>[];

const cable: Layout<MessageOf<'cable-on'>> = [
  ['from', jackAddress],
  ['to', jackAddress],
];

export const LAYOUTS: { readonly [K in MessageKind]: Layout<MessageOf<K>> } = {
  hello: [
    ['protoMajor', u8],
    ['protoMinor', u8],
    ['firmware', byteTuple<[number, number, number]>(3)],
    ['bridgeUid', hexId(8)],
    ['maxFrame', u16],
    ['caps', u16],
    ['name', shortText(HELLO_NAME_MAX_BYTES)],
  ],
  'module-info': [
    ['slot', u8],
    ['typeId', u16],
    ['hwRev', u8],
    ['moduleUid', u32],
    ['inputs', u8],
    ['outputs', u8],
    ['knobs', u8],
    ['switches', u8],
    ['leds', u8],
    ['knobBits', u8],
  ],
  'module-gone': [['slot', u8]],
  'cable-on': cable,
  'cable-off': cable,
  jack: [
    ['slot', u8],
    ['direction', enumeration(JACK_DIRECTIONS)],
    ['jack', u8],
    ['inserted', bool],
  ],
  knob: [
    ['slot', u8],
    ['knob', u8],
    ['value', u16],
  ],
  switch: [
    ['slot', u8],
    ['switch', u8],
    ['position', u8],
  ],
  heartbeat: [
    ['uptimeMs', u32],
    ['stateGen', u16],
    ['crcErrors', u16],
    ['dropped', u16],
  ],
  'snap-begin': [
    ['reqSeq', u8],
    ['stateGen', u16],
    ['modules', u8],
    ['cables', u8],
  ],
  'snap-end': [
    ['reqSeq', u8],
    ['stateGen', u16],
    ['frameCount', u16],
  ],
  fault: [
    ['code', enumeration(FAULT_CODES)],
    ['slot', u8],
    ['detail', u16],
  ],
  log: [
    ['level', enumeration(LOG_LEVELS)],
    ['text', shortText(LOG_TEXT_MAX_BYTES)],
  ],
  pong: [['token', u32]],
  'hello-req': [
    ['protoMajor', u8],
    ['protoMinor', u8],
    ['app', byteTuple<[number, number, number]>(3)],
  ],
  'snapshot-req': [],
  'set-led': [
    ['slot', u8],
    ['led', u8],
    ['level', u8],
    ['mode', enumeration(LED_MODES)],
    ['rgb', byteTuple<[number, number, number]>(3)],
  ],
  'set-leds': [
    ['slot', u8],
    ['first', u8],
    ['levels', countedBytes(SET_LEDS_MAX_LEVELS)],
  ],
  'set-gate': [
    ['slot', u8],
    ['jack', u8],
    ['level', u8],
    ['pulseMs', u16],
  ],
  config: [
    ['knobMinIntervalMs', u8],
    ['knobDeadband', u8],
    ['heartbeatMs', u16],
  ],
  ping: [['token', u32]],
  'guide-jack': [
    ['slot', u8],
    ['direction', enumeration(JACK_DIRECTIONS)],
    ['jack', u8],
    ['state', enumeration(GUIDE_STATES)],
  ],
  'guide-clear': [],
  nack: [
    ['ackedSeq', u8],
    ['error', enumeration(NACK_ERRORS)],
  ],
  ack: [['ackedSeq', u8]],
};

type AnyLayout = readonly (readonly [string, FieldCodec<unknown>])[];

function layoutOf(kind: MessageKind): AnyLayout {
  return LAYOUTS[kind] as unknown as AnyLayout;
}

export function writePayload(w: Writer, message: Message): void {
  const fields = message as unknown as Record<string, unknown>;
  for (const [key, codec] of layoutOf(message.kind)) codec.write(w, fields[key], `${message.kind}.${key}`);
}

/** Reads a whole payload; throws PayloadError when the bytes do not fit the layout exactly. */
export function readPayload(kind: MessageKind, r: Reader): Message {
  const message: Record<string, unknown> = { kind };
  for (const [key, codec] of layoutOf(kind)) message[key] = codec.read(r);
  if (r.remaining !== 0) throw new PayloadError('length');
  return message as unknown as Message;
}

/** Smallest and largest payload of a kind, in bytes. */
export function payloadBytes(kind: MessageKind): { min: number; max: number } {
  const fields = layoutOf(kind);
  return {
    min: fields.reduce((sum, [, codec]) => sum + codec.minBytes, 0),
    max: fields.reduce((sum, [, codec]) => sum + codec.maxBytes, 0),
  };
}
