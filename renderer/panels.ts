/**
 * What the window shows around the rack, as registries: tabs of the right-hand side panel, and
 * strips along the bottom (the simulator's controls, the record/replay deck). A feature adds one entry here instead of editing
 * the layout.
 */
import type { ComponentType } from 'react';
import { HardwarePanel } from './hardware/HardwarePanel';
import { DeckBar } from './history/DeckBar';
import { HistoryPanel } from './history/HistoryPanel';
import { Inspector } from './shell/Inspector';
import { EventsPanel } from './sim/EventsPanel';
import { SimControls } from './sim/SimControls';
import { YamlTab } from './yaml/YamlTab';
import { ClusterPanel } from './cluster/ClusterPanel';

export interface SidePanelDef {
  id: string;
  label: string;
  component: ComponentType;
}

/** Right-hand tabs, in order; the first is shown at start. */
export const SIDE_PANELS: SidePanelDef[] = [
  { id: 'inspector', label: 'Inspector', component: Inspector },
  // The simulated cluster's `kubectl get events`.
  { id: 'events', label: 'Events', component: EventsPanel },
  // The patch as Kubernetes manifests, editable.
  { id: 'yaml', label: 'YAML', component: YamlTab },
  // Versions of the open patch, and the recorded performances.
  { id: 'history', label: 'History', component: HistoryPanel },
  // Links to the physical rack, the mirror, pending edits and the patch guide.
  { id: 'hardware', label: 'Hardware', component: HardwarePanel },
  { id: 'cluster', label: 'Cluster', component: ClusterPanel },
];

/** Bottom strips, top to bottom (each a full-width bar under the rack). */
export const BOTTOM_STRIPS: { id: string; component: ComponentType }[] = [
  // Run/pause, step, speed and faults of the simulated cluster.
  { id: 'sim', component: SimControls },
  // Record and replay performances.
  { id: 'transport', component: DeckBar },
];
