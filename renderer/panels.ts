/**
 * What the window shows around the rack, as registries: tabs of the right-hand side panel, and
 * strips along the bottom (transport bars). A feature adds one entry here instead of editing
 * the layout.
 */
import type { ComponentType } from 'react';
import { Inspector } from './shell/Inspector';
// Issue 5 (simulator): the run/pause strip and the Events tab.
import { EventsPanel } from './sim/EventsPanel';
import { SimControls } from './sim/SimControls';
// Issue 3 (YAML): the patch as Kubernetes manifests, editable.
import { YamlTab } from './yaml/YamlTab';
// Issue 4 (history & performances): the History tab and the transport bar.
import { HistoryPanel } from './history/HistoryPanel';
import { TransportBar } from './history/TransportBar';
// Issue 6 (hardware): the Hardware tab (links, mirror, pending edits, patch guide).
import { HardwarePanel } from './hardware/HardwarePanel';
// Real clusters: contexts, diff, confirmed apply, import.
import { ClusterPanel } from './cluster/ClusterPanel';

export interface SidePanelDef {
  id: string;
  label: string;
  component: ComponentType;
}

/** Right-hand tabs, in order; the first is shown at start. */
export const SIDE_PANELS: SidePanelDef[] = [
  { id: 'inspector', label: 'Inspector', component: Inspector },
  // Issue 5 (simulator)
  { id: 'events', label: 'Events', component: EventsPanel },
  // Issue 3 (YAML)
  { id: 'yaml', label: 'YAML', component: YamlTab },
  // Issue 4 (history)
  { id: 'history', label: 'History', component: HistoryPanel },
  // Issue 6 (hardware)
  { id: 'hardware', label: 'Hardware', component: HardwarePanel },
  { id: 'cluster', label: 'Cluster', component: ClusterPanel },
];

/** Bottom strips, top to bottom (each a full-width bar under the rack). */
export const BOTTOM_STRIPS: { id: string; component: ComponentType }[] = [
  // Issue 5 (simulator)
  { id: 'sim', component: SimControls },
  // Issue 4 (performances)
  { id: 'transport', component: TransportBar },
];
