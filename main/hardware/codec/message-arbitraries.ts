/**
 * fast-check generators of valid protocol messages, every kind, every field over its whole range
 * (text up to its byte limit, including multi-byte UTF-8). For the codec's property tests and for
 * anyone testing code that consumes frames (link, virtual rack). Test-only: nothing in the app imports it.
 */
import fc from 'fast-check';
import { HELLO_NAME_MAX_BYTES, LOG_TEXT_MAX_BYTES, type MessageOf, SET_LEDS_MAX_LEVELS } from './layouts';
import {
  FAULT_CODES,
  GUIDE_STATES,
  JACK_DIRECTIONS,
  LED_MODES,
  LOG_LEVELS,
  type Message,
  MESSAGE_TYPES,
  type MessageKind,
  NACK_ERRORS,
} from './messages';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const triple = fc.tuple(u8, u8, u8);
const address = fc.record({ slot: u8, jack: u8 });
const utf8 = new TextEncoder();

/** Text of at most `maxBytes` UTF-8 bytes, drawn from all of Unicode so multi-byte characters are common. */
export function utf8Text(maxBytes: number): fc.Arbitrary<string> {
  return fc.string({ unit: 'grapheme', maxLength: maxBytes }).map((text) => {
    let fitted = text;
    while (utf8.encode(fitted).length > maxBytes) fitted = Array.from(fitted).slice(0, -1).join('');
    return fitted;
  });
}

const ARBITRARIES: { [K in MessageKind]: fc.Arbitrary<MessageOf<K>> } = {
  hello: fc.record({
    kind: fc.constant('hello'),
    protoMajor: u8,
    protoMinor: u8,
    firmware: triple,
    bridgeUid: fc
      .uint8Array({ minLength: 8, maxLength: 8 })
      .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')),
    maxFrame: u16,
    caps: u16,
    name: utf8Text(HELLO_NAME_MAX_BYTES),
  }),
  'module-info': fc.record({
    kind: fc.constant('module-info'),
    slot: u8,
    typeId: u16,
    hwRev: u8,
    moduleUid: u32,
    inputs: u8,
    outputs: u8,
    knobs: u8,
    switches: u8,
    leds: u8,
    knobBits: u8,
  }),
  'module-gone': fc.record({ kind: fc.constant('module-gone'), slot: u8 }),
  'cable-on': fc.record({ kind: fc.constant('cable-on'), from: address, to: address }),
  'cable-off': fc.record({ kind: fc.constant('cable-off'), from: address, to: address }),
  jack: fc.record({
    kind: fc.constant('jack'),
    slot: u8,
    direction: fc.constantFrom(...JACK_DIRECTIONS),
    jack: u8,
    inserted: fc.boolean(),
  }),
  knob: fc.record({ kind: fc.constant('knob'), slot: u8, knob: u8, value: u16 }),
  switch: fc.record({ kind: fc.constant('switch'), slot: u8, switch: u8, position: u8 }),
  heartbeat: fc.record({ kind: fc.constant('heartbeat'), uptimeMs: u32, stateGen: u16, crcErrors: u16, dropped: u16 }),
  'snap-begin': fc.record({ kind: fc.constant('snap-begin'), reqSeq: u8, stateGen: u16, modules: u8, cables: u8 }),
  'snap-end': fc.record({ kind: fc.constant('snap-end'), reqSeq: u8, stateGen: u16, frameCount: u16 }),
  fault: fc.record({ kind: fc.constant('fault'), code: fc.constantFrom(...FAULT_CODES), slot: u8, detail: u16 }),
  log: fc.record({ kind: fc.constant('log'), level: fc.constantFrom(...LOG_LEVELS), text: utf8Text(LOG_TEXT_MAX_BYTES) }),
  pong: fc.record({ kind: fc.constant('pong'), token: u32 }),
  'hello-req': fc.record({ kind: fc.constant('hello-req'), protoMajor: u8, protoMinor: u8, app: triple }),
  'snapshot-req': fc.record({ kind: fc.constant('snapshot-req') }),
  'set-led': fc.record({
    kind: fc.constant('set-led'),
    slot: u8,
    led: u8,
    level: u8,
    mode: fc.constantFrom(...LED_MODES),
    rgb: triple,
  }),
  'set-leds': fc.record({
    kind: fc.constant('set-leds'),
    slot: u8,
    first: u8,
    levels: fc.array(u8, { maxLength: SET_LEDS_MAX_LEVELS }),
  }),
  'set-gate': fc.record({ kind: fc.constant('set-gate'), slot: u8, jack: u8, level: u8, pulseMs: u16 }),
  config: fc.record({ kind: fc.constant('config'), knobMinIntervalMs: u8, knobDeadband: u8, heartbeatMs: u16 }),
  ping: fc.record({ kind: fc.constant('ping'), token: u32 }),
  'guide-jack': fc.record({
    kind: fc.constant('guide-jack'),
    slot: u8,
    direction: fc.constantFrom(...JACK_DIRECTIONS),
    jack: u8,
    state: fc.constantFrom(...GUIDE_STATES),
  }),
  'guide-clear': fc.record({ kind: fc.constant('guide-clear') }),
  nack: fc.record({ kind: fc.constant('nack'), ackedSeq: u8, error: fc.constantFrom(...NACK_ERRORS) }),
  ack: fc.record({ kind: fc.constant('ack'), ackedSeq: u8 }),
};

export const KINDS = Object.keys(MESSAGE_TYPES) as MessageKind[];

/** A valid message of one kind. */
export function messageOf<K extends MessageKind>(kind: K): fc.Arbitrary<MessageOf<K>> {
  return ARBITRARIES[kind];
}

/** A valid message of any kind. */
export const anyMessage: fc.Arbitrary<Message> = fc.oneof(...KINDS.map((kind) => ARBITRARIES[kind] as fc.Arbitrary<Message>));

/** A message with the frame header fields. */
export const anyFrame = fc.record({ seq: u8, flags: u8, message: anyMessage });
