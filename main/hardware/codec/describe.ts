/** One-line descriptions of messages for logs, the virtual rack's output and the hardware panel. */
import { assertNever } from '../../patch/ops';
import type { JackAddress, Message } from './messages';

const jack = (a: JackAddress): string => `${a.slot}.${a.jack}`;
const version = (v: readonly number[]): string => v.join('.');

/** E.g. "cable-on 3.1 → 12.0", "knob 4.2 = 32768". Slots are HP from the left rail; jacks count per direction. */
export function describeMessage(message: Message): string {
  const m = message;
  switch (m.kind) {
    case 'hello':
      return `hello "${m.name}" ${m.bridgeUid} fw ${version(m.firmware)} proto ${m.protoMajor}.${m.protoMinor} max ${m.maxFrame} B caps 0x${m.caps.toString(16)}`;
    case 'module-info':
      return `module-info slot ${m.slot} type ${m.typeId} rev ${m.hwRev} uid ${m.moduleUid.toString(16).padStart(8, '0')} in ${m.inputs} out ${m.outputs} knobs ${m.knobs} switches ${m.switches} leds ${m.leds} knob bits ${m.knobBits}`;
    case 'module-gone':
      return `module-gone slot ${m.slot}`;
    case 'cable-on':
    case 'cable-off':
      return `${m.kind} ${jack(m.from)} → ${jack(m.to)}`;
    case 'jack':
      return `jack ${m.slot}.${m.jack} ${m.direction} ${m.inserted ? 'inserted' : 'empty'}`;
    case 'knob':
      return `knob ${m.slot}.${m.knob} = ${m.value}`;
    case 'switch':
      return `switch ${m.slot}.${m.switch} = ${m.position}`;
    case 'heartbeat':
      return `heartbeat up ${m.uptimeMs} ms gen ${m.stateGen} crc errors ${m.crcErrors} dropped ${m.dropped}`;
    case 'snap-begin':
      return `snap-begin req ${m.reqSeq} gen ${m.stateGen} modules ${m.modules} cables ${m.cables}`;
    case 'snap-end':
      return `snap-end req ${m.reqSeq} gen ${m.stateGen} frames ${m.frameCount}`;
    case 'fault':
      return `fault ${m.code} slot ${m.slot} detail ${m.detail}`;
    case 'log':
      return `log ${m.level} ${JSON.stringify(m.text)}`;
    case 'pong':
    case 'ping':
      return `${m.kind} ${m.token}`;
    case 'hello-req':
      return `hello-req proto ${m.protoMajor}.${m.protoMinor} app ${version(m.app)}`;
    case 'snapshot-req':
    case 'guide-clear':
      return m.kind;
    case 'set-led':
      return `set-led ${m.slot}.${m.led} = ${m.level} ${m.mode}${m.rgb.some((c) => c > 0) ? ` rgb ${version(m.rgb)}` : ''}`;
    case 'set-leds':
      return `set-leds ${m.slot}.${m.first}… = [${m.levels.join(' ')}]`;
    case 'set-gate':
      return `set-gate ${m.slot}.${m.jack} = ${m.level}${m.pulseMs > 0 ? ` for ${m.pulseMs} ms` : ''}`;
    case 'config':
      return `config knob every ≥ ${m.knobMinIntervalMs} ms deadband ${m.knobDeadband} heartbeat ${m.heartbeatMs} ms`;
    case 'guide-jack':
      return `guide-jack ${m.slot}.${m.jack} ${m.direction} ${m.state}`;
    case 'ack':
      return `ack ${m.ackedSeq}`;
    case 'nack':
      return `nack ${m.ackedSeq} ${m.error}`;
    default:
      return assertNever(m);
  }
}
