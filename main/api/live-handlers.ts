/** The live cluster's requests (`live.*`) over the LiveService; inputs were validated by the dispatcher. */
import type { LiveService } from '../cluster/live/live-service';
import type { Handlers } from './dispatcher';

export function createLiveHandlers(live: LiveService) {
  return {
    'live.state': () => live.state(),
    'live.gesture': ({ kind, module }) => live.request(kind, module),
    'live.confirm': ({ id, ok }) => live.confirm(id, ok),
  } satisfies Partial<Handlers>;
}
