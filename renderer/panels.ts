/**
 * What the window shows around the rack, as registries: tabs of the right-hand side panel, and
 * strips along the bottom (transport bars). A feature adds one entry here instead of editing
 * the layout.
 */
import type { ComponentType } from 'react';
import { Inspector } from './shell/Inspector';

export interface SidePanelDef {
  id: string;
  label: string;
  component: ComponentType;
}

/** Right-hand tabs, in order; the first is shown at start. */
export const SIDE_PANELS: SidePanelDef[] = [{ id: 'inspector', label: 'Inspector', component: Inspector }];

/** Bottom strips, top to bottom (each a full-width bar under the rack). */
export const BOTTOM_STRIPS: { id: string; component: ComponentType }[] = [];
