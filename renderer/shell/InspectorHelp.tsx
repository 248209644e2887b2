/** What the inspector shows with nothing selected: how to patch, and every shortcut from the registry. */
import { formatShortcut } from '../actions/keys';
import { actions } from '../actions/registry';

/** The shortcut list is built from the registry, so it cannot drift from the keys that work. */
export function InspectorHelp() {
  return (
    <div className="shell-help">
      <h2 className="shell-panel__title">Patching</h2>
      <ul className="shell-help__list">
        <li>Add a module from the browser on the left: click it, press Enter on it, or drag it onto the rack.</li>
        <li>Drag from an output jack to an input jack to patch a cable. An input takes one cable; an output feeds many.</li>
        <li>Click a module or a cable to select it and see it here; turn knobs on the faceplate.</li>
      </ul>
      <h3 className="shell-inspector__heading">Shortcuts</h3>
      <dl className="shell-shortcuts" data-testid="shortcut-list">
        {actions
          .filter((a) => a.shortcut)
          .map((a) => (
            <div key={a.id} className="shell-shortcuts__row">
              <dt>{a.label}</dt>
              <dd>
                <kbd>{formatShortcut(a.shortcut)}</kbd>
              </dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
