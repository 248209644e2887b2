/**
 * Editors for a module's data fields (catalog `data`): a text input, or a table of rows (ports,
 * env, rules). Edits stay local until committed (blur, Enter, a select change, add or remove);
 * a commit sends one set-data op with the whole data object, so each is one undo step. Invalid
 * input is explained beside the cell and never sent: main would accept any JSON, the cluster not.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { CatalogEntry } from '../../main/patch/catalog';
import type { Json } from '../../main/patch/model';
import {
  checkRows,
  checkText,
  fromDraftRows,
  hasErrors,
  listSpec,
  portKeyFor,
  toDraftRows,
  type DraftRow,
} from '../edit/data-fields';
import { sendOps, useRack } from '../store/rackStore';

type DataField = CatalogEntry['data'][number];

/** Sends the module's latest data with `key` replaced (or removed when `value` is undefined). */
function commitData(moduleId: string, key: string, value: Json | undefined, label: string): void {
  const { patch, version } = useRack.getState();
  const module = patch.modules.find((m) => m.id === moduleId);
  if (!module) return;
  const data = { ...module.data };
  if (value === undefined) delete data[key];
  else data[key] = value;
  // The whole record is replaced: main refuses it if the module changed since this copy.
  void sendOps([{ type: 'set-data', id: moduleId, data }], { label, baseVersion: version });
}

export interface FieldProps {
  moduleId: string;
  moduleType: string;
  moduleName: string;
  field: DataField;
  stored: Json | undefined;
}

/** A free-text data field (name, image); only `name` is checked, as metadata.name. */
export function TextField({ moduleId, moduleName, field, stored }: FieldProps) {
  const saved = typeof stored === 'string' ? stored : stored === undefined || stored === null ? '' : JSON.stringify(stored);
  const [draft, setDraft] = useState(saved);
  // Undo, another window or the YAML view may change the value: show theirs (adjusting state
  // during render, React's pattern for state derived from a changing prop).
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setDraft(saved);
  }
  const problem = draft !== saved ? checkText(field.key, draft) : undefined;
  const inputId = `inspector-${moduleId}-${field.key}`;

  const commit = () => {
    if (draft === saved || checkText(field.key, draft)) return;
    commitData(moduleId, field.key, draft === '' ? undefined : draft, `edit ${moduleName} ${field.label.toLowerCase()}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') setDraft(saved);
  };

  return (
    <div className="shell-field">
      <label className="shell-field__label" htmlFor={inputId}>
        {field.label}
      </label>
      <input
        id={inputId}
        className="shell-input"
        data-testid={`inspector-field-${field.key}`}
        value={draft}
        placeholder={field.placeholder}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {problem && <p className="shell-field-error">{problem}</p>}
    </div>
  );
}

/** A table data field (ports, env, rules) with add and remove; commits whole, valid lists only. */
export function ListField({
  moduleId,
  moduleType,
  moduleName,
  field,
  stored,
}: FieldProps & { field: DataField & { kind: 'ports' | 'env' | 'rules' } }) {
  const portKey = portKeyFor(moduleType, stored);
  const spec = useMemo(() => listSpec(field.kind, portKey), [field.kind, portKey]);
  // Compared in normalised form, so a value that only differs in layout is not re-sent.
  const savedJson = JSON.stringify(fromDraftRows(spec, toDraftRows(spec, stored)));
  const [rows, setRows] = useState<DraftRow[]>(() => toDraftRows(spec, stored));
  const [attempted, setAttempted] = useState(false);
  const [shown, setShown] = useState(savedJson);
  if (shown !== savedJson) {
    setShown(savedJson);
    setRows(toDraftRows(spec, stored));
    setAttempted(false);
  }

  const errors = checkRows(spec, rows);
  const label = `edit ${moduleName} ${field.label.toLowerCase()}`;

  const commit = (next: DraftRow[] = rows) => {
    setAttempted(true);
    if (hasErrors(checkRows(spec, next))) return;
    const json = fromDraftRows(spec, next);
    if (JSON.stringify(json) === savedJson) return;
    commitData(moduleId, field.key, json, label);
  };
  const setCell = (row: number, key: string, value: string) =>
    rows.map((r, i) => (i === row ? { ...r, cells: { ...r.cells, [key]: value } } : r));
  const add = () => {
    const next = [...rows, spec.newRow(rows)];
    setRows(next);
    // A new row that is already valid (a free port) is committed at once: one undo step.
    if (!hasErrors(checkRows(spec, next))) commit(next);
  };
  const remove = (row: number) => {
    const next = rows.filter((_, i) => i !== row);
    setRows(next);
    commit(next);
  };

  return (
    <fieldset className="shell-field shell-list">
      <legend className="shell-field__label">{field.label}</legend>
      {rows.length === 0 && <p className="shell-muted">None.</p>}
      {rows.map((row, i) => (
        <div key={i} className="shell-list__row" data-testid={`inspector-row-${field.key}-${i}`}>
          {spec.columns.map((column) => {
            const problem = attempted ? errors[i]?.[column.key] : undefined;
            const common = {
              className: 'shell-input shell-list__cell',
              'aria-label': `${field.label} ${i + 1} ${column.label}`,
              'aria-invalid': problem ? true : undefined,
              'data-testid': `inspector-field-${field.key}-${i}-${column.key}`,
              title: problem,
              value: row.cells[column.key] ?? '',
            };
            return (
              <span key={column.key} className={`shell-list__col shell-list__col--${column.input}`}>
                {column.input === 'select' ? (
                  <select
                    {...common}
                    onChange={(e) => {
                      const next = setCell(i, column.key, e.target.value);
                      setRows(next);
                      commit(next);
                    }}
                  >
                    {column.options?.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...common}
                    inputMode={column.input === 'number' ? 'numeric' : undefined}
                    placeholder={column.placeholder}
                    spellCheck={false}
                    onChange={(e) => setRows(setCell(i, column.key, e.target.value))}
                    onBlur={() => commit()}
                    onKeyDown={(e) => e.key === 'Enter' && commit()}
                  />
                )}
                {problem && <span className="shell-field-error">{problem}</span>}
              </span>
            );
          })}
          <button
            type="button"
            className="shell-icon-button"
            aria-label={`Remove ${field.label.toLowerCase()} row ${i + 1}`}
            title="Remove"
            data-testid={`inspector-remove-${field.key}-${i}`}
            onClick={() => remove(i)}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="shell-button shell-button--small" data-testid={`inspector-add-${field.key}`} onClick={add}>
        Add {field.kind === 'env' ? 'variable' : field.kind === 'ports' ? 'port' : 'rule'}
      </button>
    </fieldset>
  );
}
