/**
 * The inspector for one module: what it is and where it sits, its data fields (editable), its
 * params (read here; turned on the faceplate) and its cables, each with a delete button.
 */
import type { CatalogEntry, ParamDef } from '../../main/patch/catalog';
import type { Cable, Module, Patch } from '../../main/patch/model';
import { AudioOutInspector } from '../audio/AudioOutInspector';
import { sendOps, useRack } from '../store/rackStore';
import { ListField, TextField } from './DataFields';
import { ManifestField } from './ManifestField';

/** How a module is called in the UI: its data name (web-1), else its catalog name (Pod). */
export function moduleTitle(module: Module | undefined, catalog: { get(type: string): CatalogEntry | undefined }): string {
  if (!module) return '?';
  return typeof module.data.name === 'string' && module.data.name
    ? module.data.name
    : (catalog.get(module.type)?.name ?? module.type);
}

function formatParam(def: ParamDef, value: number): string {
  if (def.kind === 'switch') return def.positions[value] ?? String(value);
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return def.unit ? `${shown} ${def.unit}` : shown;
}

/** Details of one module; the parent keys it by id. */
export function ModuleInspector({ module }: { module: Module }) {
  const catalog = useRack((s) => s.catalog);
  const def = catalog.get(module.type);
  const title = moduleTitle(module, catalog);
  const kind = def?.name ?? module.type;

  return (
    <>
      <div className="shell-inspector__head">
        <span className="shell-card__chip" style={{ background: def?.accent ?? '#666' }} aria-hidden="true" />
        <div>
          <h2 className="shell-panel__title" data-testid="inspector-title">
            {title}
          </h2>
          <p className="shell-muted">
            {kind} · <code className="shell-code">{module.id}</code>
          </p>
          <p className="shell-muted" data-testid="inspector-position">
            Row {module.row + 1} · HP {module.hp} · {def?.hp ?? '?'} HP wide
          </p>
        </div>
      </div>
      {!def && <p className="shell-field-error">The catalog has no “{module.type}” module; it is kept as loaded.</p>}

      {def && def.data.length > 0 && (
        <section className="shell-inspector__section" aria-label="Settings">
          {def.data.map((field) => {
            const props = { moduleId: module.id, moduleType: module.type, moduleName: title, stored: module.data[field.key] };
            if (field.kind === 'manifest') return <ManifestField key={field.key} {...props} field={field} />;
            return field.kind === 'text' ? (
              <TextField key={field.key} {...props} field={field} />
            ) : (
              <ListField key={field.key} {...props} field={{ ...field, kind: field.kind }} />
            );
          })}
        </section>
      )}

      {def && def.params.length > 0 && (
        <section className="shell-inspector__section">
          <h3 className="shell-inspector__heading">Controls</h3>
          <dl className="shell-params">
            {def.params.map((p) => (
              <div key={p.id} className="shell-params__row" title={p.description} data-testid={`inspector-param-${p.id}`}>
                <dt>{p.label}</dt>
                <dd>{formatParam(p, module.params[p.id] ?? p.default)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {module.type === 'audio-out' && <AudioOutInspector />}

      <ModuleCables module={module} />
    </>
  );
}

function ModuleCables({ module }: { module: Module }) {
  const patch = useRack((s) => s.patch);
  const catalog = useRack((s) => s.catalog);
  const cables = patch.cables.filter((c) => c.from.module === module.id || c.to.module === module.id);
  return (
    <section className="shell-inspector__section">
      <h3 className="shell-inspector__heading">Cables</h3>
      {cables.length === 0 ? (
        <p className="shell-muted">No cables. Drag from an output jack to an input jack to patch.</p>
      ) : (
        <ul className="shell-cables">
          {cables.map((c) => (
            <li key={c.id} className="shell-cables__row" data-testid={`inspector-cable-${c.id}`}>
              <span className="shell-cables__swatch" style={{ background: c.color }} aria-hidden="true" />
              <span className="shell-cables__text">{describeCable(c, module.id, patch, catalog)}</span>
              <button
                type="button"
                className="shell-icon-button"
                aria-label="Delete cable"
                title="Delete cable"
                data-testid={`inspector-cable-delete-${c.id}`}
                onClick={() => void sendOps([{ type: 'disconnect', id: c.id }], { label: 'disconnect cable' })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "GATE → web-1 · LIFECYCLE" seen from `here`: our jack, then the other end. */
function describeCable(c: Cable, here: string, patch: Patch, catalog: ReturnType<typeof useRack.getState>['catalog']): string {
  const outgoing = c.from.module === here;
  const mine = outgoing ? c.from : c.to;
  const theirs = outgoing ? c.to : c.from;
  const other = patch.modules.find((m) => m.id === theirs.module);
  const jackLabel = (moduleId: string, jack: string) => {
    const type = patch.modules.find((m) => m.id === moduleId)?.type ?? '';
    return catalog.jack(type, jack)?.label ?? jack;
  };
  const arrow = outgoing ? '→' : '←';
  return `${jackLabel(here, mine.jack)} ${arrow} ${moduleTitle(other, catalog)} · ${jackLabel(theirs.module, theirs.jack)}`;
}
