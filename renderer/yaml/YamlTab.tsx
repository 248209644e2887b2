/**
 * The YAML tab's entry in SIDE_PANELS. The panel (CodeMirror, the Kubernetes schemas' validators)
 * is about half the renderer's code, so it loads when the tab is first opened, not at start.
 */
import { lazy, Suspense } from 'react';

const YamlPanel = lazy(() => import('./YamlPanel').then((m) => ({ default: m.YamlPanel })));

export function YamlTab() {
  return (
    <Suspense fallback={<p className="yaml-loading">Loading the YAML editor…</p>}>
      <YamlPanel />
    </Suspense>
  );
}
