import { describe, expect, it } from 'vitest';
import { type CaseState, emptyCaseState, snapshotMessages } from './case-state';
import { FLAG_SNAPSHOT, type Frame, type Message, type SnapBeginMessage } from './messages';
import { SnapshotAssembler } from './snapshot';
import { applyAll, HELLO, moduleAt } from './test-fixtures';

const state: CaseState = {
  ...applyAll(emptyCaseState(HELLO), [
    { kind: 'module-info', ...moduleAt(0) },
    { kind: 'module-info', ...moduleAt(10) },
    { kind: 'cable-on', from: { slot: 0, jack: 0 }, to: { slot: 10, jack: 1 } },
    { kind: 'knob', slot: 10, knob: 0, value: 0x8000 },
    { kind: 'switch', slot: 0, switch: 0, position: 1 },
  ]),
  stateGen: 321,
};

const begin: SnapBeginMessage = { kind: 'snap-begin', reqSeq: 4, stateGen: 321, modules: 2, cables: 1 };
const dump = (): Frame[] => snapshotMessages(state).map((message, i) => ({ seq: 10 + i, flags: FLAG_SNAPSHOT, message }));
const end = (frameCount = 5, extra: Partial<Message> = {}): Frame => ({
  seq: 99,
  flags: 0,
  message: { kind: 'snap-end', reqSeq: 4, stateGen: 321, frameCount, ...extra } as Message,
});

/** Feeds frames after `first` and returns every answer up to the first that is not 'more'. */
function run(frames: Frame[], first: SnapBeginMessage = begin): ReturnType<SnapshotAssembler['accept']>[] {
  const assembler = new SnapshotAssembler();
  assembler.begin(first, HELLO);
  const answers: ReturnType<SnapshotAssembler['accept']>[] = [];
  for (const frame of frames) {
    answers.push(assembler.accept(frame));
    if (answers.at(-1) !== 'more') break;
  }
  return answers;
}

describe('SnapshotAssembler', () => {
  it('swaps in the whole state only at snap-end', () => {
    const progress = run([...dump(), end()]);
    expect(progress.slice(0, -1)).toEqual(new Array(5).fill('more'));
    expect(progress.at(-1)).toEqual({ state });
  });

  it('ignores heartbeats, logs and acks beside the dump', () => {
    const beside: Frame[] = [
      { seq: 1, flags: 0, message: { kind: 'heartbeat', uptimeMs: 1, stateGen: 321, crcErrors: 0, dropped: 0 } },
      { seq: 2, flags: 0, message: { kind: 'log', level: 'info', text: 'hi' } },
    ];
    expect(run([...beside, ...dump(), end()]).at(-1)).toEqual({ state });
  });

  it.each<[string, Frame[], string]>([
    ['a lost frame', [...dump().slice(1), end()], 'snapshot cable-on: no module in slot 0'],
    ['a lost knob', [...dump().filter((f) => f.message.kind !== 'knob'), end()], 'dump of 5 frames arrived with 4'],
    ['a wrong frame count', [...dump(), end(6)], 'dump of 6 frames arrived with 5'],
    ['a stateGen that moved', [...dump(), end(5, { stateGen: 322 })], 'stateGen moved during the dump (321 → 322)'],
    ['another request', [...dump(), end(5, { reqSeq: 5 })], 'snap-end answers request 5, snap-begin 4'],
    [
      'a live event mid-dump',
      [...dump().slice(0, 2), { seq: 50, flags: 0, message: { kind: 'knob', slot: 0, knob: 0, value: 1 } }],
      'live knob in the middle of a snapshot dump',
    ],
    [
      'a cable-off in a dump',
      [{ seq: 50, flags: FLAG_SNAPSHOT, message: { kind: 'cable-off', from: { slot: 0, jack: 0 }, to: { slot: 0, jack: 0 } } }],
      'cable-off inside a snapshot dump',
    ],
  ])('fails on %s', (_, frames, error) => {
    expect(run(frames).at(-1)).toEqual({ error });
  });

  it('checks the module and cable counts snap-begin announced', () => {
    expect(run([...dump(), end()], { ...begin, cables: 2 }).at(-1)).toEqual({
      error: 'dump announced 2 modules and 2 cables, carried 2 and 1',
    });
  });

  it('refuses frames before begin and after the end', () => {
    const assembler = new SnapshotAssembler();
    expect(assembler.accept(end())).toEqual({ error: 'snap-end outside a snapshot dump' });
    assembler.begin(begin, HELLO);
    for (const frame of [...dump(), end()]) assembler.accept(frame);
    expect(assembler.accept(dump()[0]!)).toEqual({ error: 'module-info outside a snapshot dump' });
  });
});
