/**
 * Assembles a snapshot dump (snap-begin, then FLAG_SNAPSHOT frames, then snap-end) into a whole
 * CaseState. Nothing is swapped in before snap-end, and only after the dump proves whole: its
 * frame count, module and cable counts and stateGen agree with what snap-begin announced.
 */
import { applyCaseEvent, type CaseHello, type CaseState, emptyCaseState } from './case-state';
import { FLAG_SNAPSHOT, type Frame, type SnapBeginMessage } from './messages';

export type SnapshotProgress = 'more' | { state: CaseState } | { error: string };

/** Kinds a dump carries between its begin and end. */
const DUMP_KINDS = new Set(['module-info', 'cable-on', 'knob', 'switch']);
/** Kinds that may interleave with a dump without being part of it (they change no case state). */
const BESIDE_DUMP = new Set(['heartbeat', 'log', 'pong', 'ack', 'nack']);

export class SnapshotAssembler {
  private begun: SnapBeginMessage | null = null;
  private state: CaseState | null = null;
  private frames = 0;
  private done = false;

  /** Starts (or restarts) a dump; `hello` is the case's, from the handshake. */
  begin(message: SnapBeginMessage, hello: CaseHello): void {
    this.begun = message;
    this.state = emptyCaseState(hello);
    this.frames = 0;
    this.done = false;
  }

  /**
   * Takes the next frame after snap-begin: 'more' until snap-end, then the whole state or why the
   * dump cannot be trusted (the link asks for another). Frames beside the dump (heartbeat, log,
   * pong, ack, nack) are ignored; a live state event without FLAG_SNAPSHOT is an error.
   */
  accept(frame: Frame): SnapshotProgress {
    const { message } = frame;
    if (!this.begun || !this.state || this.done) return { error: `${message.kind} outside a snapshot dump` };
    if (message.kind === 'snap-end') return this.finish(message.reqSeq, message.stateGen, message.frameCount);
    if (BESIDE_DUMP.has(message.kind)) return 'more';
    if ((frame.flags & FLAG_SNAPSHOT) === 0) return this.fail(`live ${message.kind} in the middle of a snapshot dump`);
    if (!DUMP_KINDS.has(message.kind)) return this.fail(`${message.kind} inside a snapshot dump`);
    const result = applyCaseEvent(this.state, message as Parameters<typeof applyCaseEvent>[1]);
    if (result.error) return this.fail(`snapshot ${message.kind}: ${result.error}`);
    this.state = result.state;
    this.frames++;
    return 'more';
  }

  private finish(reqSeq: number, stateGen: number, frameCount: number): SnapshotProgress {
    const begun = this.begun!;
    const state = this.state!;
    if (reqSeq !== begun.reqSeq) return this.fail(`snap-end answers request ${reqSeq}, snap-begin ${begun.reqSeq}`);
    if (stateGen !== begun.stateGen) return this.fail(`stateGen moved during the dump (${begun.stateGen} → ${stateGen})`);
    if (frameCount !== this.frames) return this.fail(`dump of ${frameCount} frames arrived with ${this.frames}`);
    if (state.modules.length !== begun.modules || state.cables.length !== begun.cables) {
      return this.fail(
        `dump announced ${begun.modules} modules and ${begun.cables} cables, carried ${state.modules.length} and ${state.cables.length}`,
      );
    }
    this.done = true;
    return { state: { ...state, stateGen } };
  }

  private fail(error: string): SnapshotProgress {
    this.done = true;
    return { error };
  }
}
