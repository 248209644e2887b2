/** True while the whole rack case is inside the visible canvas (as after a fit). */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useRack } from '../store/rackStore';
import { rackSize } from './geometry';

/** Slack in screen px, so rounding after a fit still counts as in view. */
const SLACK = 2;

export function useRackInView(): boolean {
  const rack = useRack((s) => s.patch.rack);
  const selector = (s: ReactFlowState) => {
    const [x, y, zoom] = s.transform;
    const size = rackSize(rack);
    return x >= -SLACK && y >= -SLACK && x + size.width * zoom <= s.width + SLACK && y + size.height * zoom <= s.height + SLACK;
  };
  return useStore(selector);
}
