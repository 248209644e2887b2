/**
 * resources/protocol/PROTOCOL.md and vectors.json against the codec, so the firmware author's
 * documents and this code cannot drift: the message table, every layout's size, the enumerations,
 * the CRC table and the worked example; every vector encoded and decoded; every bad stream decoded
 * with the expected frames and counters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc16Table } from './crc16';
import { type DecoderStats, FrameDecoder } from './decoder';
import { encodeFrame, messageDirection, WIRE_OVERHEAD } from './frame';
import { payloadBytes } from './layouts';
import {
  FAULT_CODES,
  type Frame,
  GUIDE_STATES,
  JACK_DIRECTIONS,
  LED_MODES,
  LOG_LEVELS,
  type Message,
  MESSAGE_TYPES,
  type MessageKind,
  NACK_ERRORS,
} from './messages';

interface Vector {
  name: string;
  seq: number;
  flags: number;
  message: Message;
  wire: string;
}
interface BadVector {
  name: string;
  wire: string;
  frames: Frame[];
  stats: DecoderStats;
}

const resource = (name: string): string => readFileSync(new URL(`../../../resources/protocol/${name}`, import.meta.url), 'utf8');
const doc = resource('PROTOCOL.md');
const vectors = JSON.parse(resource('vectors.json')) as { version: number; vectors: Vector[]; bad: BadVector[] };

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' ').map((h) => parseInt(h, 16)));
const KINDS = Object.keys(MESSAGE_TYPES) as MessageKind[];
const FRAMING = 3 + 2 + WIRE_OVERHEAD;

const cells = (line: string): string[] =>
  line
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());

/** The rows of the first Markdown table at or after `from` whose header starts with `header`'s cells. */
function table(header: string, from = 0): string[][] {
  const wanted = header.split('|').map((cell) => cell.trim());
  const lines = doc.slice(from).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|') && wanted.every((cell, i) => cells(line)[i] === cell));
  if (start < 0) throw new Error(`no table "| ${header}" in PROTOCOL.md`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** "11" → [11, 11]; "8–58" → [8, 58]. */
function range(text: string): [number, number] {
  const [min, max = min] = text.split('–').map(Number);
  if (!Number.isInteger(min) || !Number.isInteger(max)) throw new Error(`"${text}" is not a size`);
  return [min!, max!];
}

const hexType = (type: number): string => `0x${type.toString(16).toUpperCase().padStart(2, '0')}`;

describe('PROTOCOL.md', () => {
  const rows = table('type | name | direction | payload | wire bytes');

  it('lists every message type with its name and direction, and nothing else', () => {
    // The doc spaces its arrows ("rack → host"); the code's values do not.
    expect(rows.map(([type, name, direction]) => [type, name, direction!.replace(/ /g, '')])).toEqual(
      KINDS.map((kind) => [hexType(MESSAGE_TYPES[kind]), kind, messageDirection(kind)]),
    );
  });

  it('gives each message the wire size the codec produces, which the vectors measure', () => {
    const measured = new Map<MessageKind, number[]>();
    for (const v of vectors.vectors)
      measured.set(v.message.kind, [...(measured.get(v.message.kind) ?? []), bytes(v.wire).length]);
    for (const [, name, , , wire] of rows) {
      const kind = name as MessageKind;
      const { min, max } = payloadBytes(kind);
      const lengths = measured.get(kind) ?? [];
      expect(range(wire!), kind).toEqual([min + FRAMING, max + FRAMING]);
      expect([Math.min(...lengths), Math.max(...lengths)], `${kind}: vectors at both ends of the size range`).toEqual(
        range(wire!),
      );
    }
  });

  it('has a layout table for every message whose sizes add up to its payload', () => {
    for (const kind of KINDS) {
      const heading = `### ${hexType(MESSAGE_TYPES[kind])} ${kind}\n`;
      const at = doc.indexOf(heading);
      expect(at, heading).toBeGreaterThan(0);
      const sizes = table('offset | size | field', at).map(([, size]) => range(size!));
      const { min, max } = payloadBytes(kind);
      expect([sizes.reduce((n, [a]) => n + a, 0), sizes.reduce((n, [, b]) => n + b, 0)], kind).toEqual([min, max]);
      expect(doc.slice(at, doc.indexOf('|', at)), kind).toMatch(
        new RegExp(`Wire ${min + FRAMING}(–${max + FRAMING})?\\b|Wire 10 \\+ count`),
      );
    }
  });

  it('lists the enumerations in wire order', () => {
    const lists = Object.fromEntries(
      table('enumeration | values (0, 1, 2, …)').map(([name, values]) => [name, values!.replace(/`/g, '').split(', ')]),
    );
    expect(lists).toEqual({
      direction: JACK_DIRECTIONS,
      'LED mode': LED_MODES,
      'guide state': GUIDE_STATES,
      'fault code': FAULT_CODES,
      'NACK error': NACK_ERRORS,
      'log level': LOG_LEVELS,
    });
  });

  it('prints the CRC table the codec uses', () => {
    const block = /CRC16_TABLE\[256\] = \{([^}]*)\}/.exec(doc)?.[1] ?? '';
    expect(block.match(/0x[0-9A-F]{4}/g)?.map(Number)).toEqual(crc16Table());
  });

  it('works the example of the cable-on vector', () => {
    const example = vectors.vectors.find((v) => v.name.startsWith('cable-on 3.1'))!;
    expect(doc).toContain(`\`${example.wire}\``);
    expect(hex(encodeFrame({ kind: 'cable-on', from: { slot: 3, jack: 1 }, to: { slot: 12, jack: 0 } }, 7))).toBe(example.wire);
  });
});

describe('vectors.json', () => {
  it('has a vector for every message kind', () => {
    expect(vectors.version).toBe(1);
    expect(new Set(vectors.vectors.map((v) => v.message.kind))).toEqual(new Set(KINDS));
  });

  it.each(vectors.vectors.map((v) => [v.name, v] as const))('encodes and decodes %s', (_, v) => {
    expect(hex(encodeFrame(v.message, v.seq, v.flags))).toBe(v.wire);
    const decoder = new FrameDecoder();
    expect(decoder.push(bytes(v.wire))).toEqual([{ seq: v.seq, flags: v.flags, message: v.message }]);
  });

  it.each(vectors.bad.map((v) => [v.name, v] as const))('survives %s', (_, v) => {
    const whole = new FrameDecoder();
    expect(whole.push(bytes(v.wire))).toEqual(v.frames);
    expect(whole.stats).toEqual(v.stats);
    const byteByByte = new FrameDecoder();
    expect(Array.from(bytes(v.wire)).flatMap((b) => byteByByte.push(Uint8Array.of(b)))).toEqual(v.frames);
    expect(byteByByte.stats).toEqual(v.stats);
  });
});
