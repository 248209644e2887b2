/**
 * The inspector (right panel), following the selection: help when nothing is selected, the
 * module's details and settings for one module, and a summary with Delete for several things.
 */
import { useAction } from '../actions/useAction';
import { useRack } from '../store/rackStore';
import { InspectorHelp } from './InspectorHelp';
import { ModuleInspector, moduleTitle } from './ModuleInspector';
import './shell.css';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function SelectionSummary({ modules, cables }: { modules: string[]; cables: string[] }) {
  const remove = useAction('edit.delete');
  const duplicate = useAction('edit.duplicate');
  const patch = useRack((s) => s.patch);
  const catalog = useRack((s) => s.catalog);
  const parts = [modules.length && plural(modules.length, 'module'), cables.length && plural(cables.length, 'cable')].filter(
    Boolean,
  );
  const single = cables.length === 1 && modules.length === 0 ? patch.cables.find((c) => c.id === cables[0]) : undefined;
  const end = (ref: { module: string; jack: string }) => {
    const m = patch.modules.find((x) => x.id === ref.module);
    return `${moduleTitle(m, catalog)} · ${(m && catalog.jack(m.type, ref.jack)?.label) ?? ref.jack}`;
  };
  return (
    <div>
      <h2 className="shell-panel__title" data-testid="inspector-title">
        {parts.join(' and ')} selected
      </h2>
      {single && (
        <p className="shell-muted" data-testid="inspector-cable-summary">
          <span className="shell-cables__swatch" style={{ background: single.color }} aria-hidden="true" /> {end(single.from)} →{' '}
          {end(single.to)}
        </p>
      )}
      <div className="shell-row">
        <button
          type="button"
          className="shell-button shell-button--danger"
          disabled={!remove.enabled}
          title={`${remove.label} (${remove.shortcut})`}
          data-testid="inspector-delete"
          onClick={remove.run}
        >
          Delete
        </button>
        {modules.length > 0 && (
          <button
            type="button"
            className="shell-button"
            disabled={!duplicate.enabled}
            title={`${duplicate.label} (${duplicate.shortcut})`}
            data-testid="inspector-duplicate"
            onClick={duplicate.run}
          >
            Duplicate
          </button>
        )}
      </div>
    </div>
  );
}

/** The right panel (data-testid `inspector`); reads the selection from rackStore. */
export function Inspector() {
  const selection = useRack((s) => s.selection);
  const module = useRack((s) =>
    s.selection.modules.length === 1 && s.selection.cables.length === 0
      ? s.patch.modules.find((m) => m.id === s.selection.modules[0])
      : undefined,
  );
  const count = selection.modules.length + selection.cables.length;
  return (
    <aside className="shell-panel shell-inspector" aria-label="Inspector" data-testid="inspector">
      {module ? (
        // Keyed by id so one module's unsaved draft never shows on the next.
        <ModuleInspector key={module.id} module={module} />
      ) : count > 0 ? (
        <SelectionSummary modules={selection.modules} cables={selection.cables} />
      ) : (
        <InspectorHelp />
      )}
    </aside>
  );
}
