/** A rack's FAULT report as a sentence that says what to do about it. */
import type { FaultMessage } from './codec/messages';

export function describeFault(fault: Omit<FaultMessage, 'kind'>, caseName: string): string {
  const where = `case "${caseName}", slot ${fault.slot}`;
  switch (fault.code) {
    case 'cable-conflict':
      return `The rack (${where}) sees two cables into one input: pull one of them.`;
    case 'bus-error':
      return `The rack (${where}) lost contact with a module: reseat its ribbon cable.`;
    case 'tx-overflow':
      return `The rack (${where}) had to drop messages: the app resyncs on its own; if it keeps happening, turn knobs more slowly or check the USB cable.`;
    case 'module-error':
      return `A module in the rack (${where}) reports an error (detail ${fault.detail}): power-cycle the case.`;
  }
}
