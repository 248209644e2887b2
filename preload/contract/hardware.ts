/** The physical rack: serial links, the mirror switch, pending (ghost) edits, pickups, the patch guide. */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import type { GuideStatus, HardwareChange, HardwareState, LinkInfo, PortScan } from '../../main/hardware/mirror/types';
import { none, PathSchema, request } from './request';

/** Every shape of the hardware state crosses the boundary as it is declared in main. */
export type * from '../../main/hardware/mirror/types';

export const hardwareRequests = {
  /** Links, the mirror switch, pending (ghost) edits, knob pickups and the patch guide. */
  'hardware.state': request<HardwareState>()(none),
  /** Lists the serial ports the OS knows (USB racks); a failure to list comes back as `error`. */
  'hardware.scan': request<PortScan>()(none),
  /** Opens a link to the rack on `path` (a listed port or a virtual rack's pty). */
  'hardware.connect': request<Result<{ link: LinkInfo }>>()(z.object({ path: PathSchema }).strict()),
  /** Closes a link (no reconnect); its modules stay on screen as ordinary modules. */
  'hardware.disconnect': request<Result>()(z.object({ link: z.string().min(1).max(200) }).strict()),
  /** Mirror on: rack events change the patch and lights go to the rack. Off: links stay up, nothing is applied. */
  'hardware.mirror': request<HardwareState>()(z.object({ on: z.boolean() }).strict()),
  /** Drops a pending (ghost) edit the performer will not make. */
  'hardware.cancelPending': request<HardwareState>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  /** Lights the jacks to patch by hand, step by step, to reach a target patch. */
  'hardware.guideStart': request<Result<{ guide: GuideStatus }>>()(
    z
      .object({
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('file'), path: PathSchema }).strict(),
          z.object({ kind: z.literal('version'), version: z.number().int().min(0) }).strict(),
          z
            .object({ kind: z.literal('performance'), id: z.number().int().min(1), position: z.number().finite().min(0) })
            .strict(),
        ]),
      })
      .strict(),
  ),
  'hardware.guideStop': request<HardwareState>()(none),
} as const;

export interface HardwareEventPayloads {
  /** Links, mirror, pending edits or the guide changed: only those parts (at most ~10 per second). */
  'hardware.changed': HardwareChange;
}

export const HARDWARE_EVENT_NAMES = ['hardware.changed'] as const satisfies readonly (keyof HardwareEventPayloads)[];
