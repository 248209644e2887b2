/** View actions: fit the rack on screen, and jump to the module browser to add a module. */
import { fitRack } from '../rack/fit-rack';
import { requestBrowserFocus } from '../shell/uiStore';
import { shortcut } from './keys';
import type { Action } from './types';

export const zoomToFit: Action = {
  id: 'view.zoomToFit',
  label: 'Zoom to fit',
  shortcut: shortcut('Mod+0'),
  enabled: () => true,
  perform(ctx) {
    // The whole rack, as a patch first opens (on a touch screen, as much as 24 px targets allow).
    if (ctx.flow) fitRack(ctx.flow, { duration: 200 });
  },
};

/** Enter opens the browser in VCV Rack; here the browser is always shown, so Enter focuses its search. */
export const addModule: Action = {
  id: 'module.add',
  label: 'Add module…',
  shortcut: shortcut('Enter', 'Mod+K'),
  enabled: () => true,
  perform() {
    requestBrowserFocus();
  },
};

export const viewActions: readonly Action[] = [zoomToFit, addModule];
