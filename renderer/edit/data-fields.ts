/**
 * The inspector's module data fields (catalog `data`: text, ports, env, rules, manifest) as pure specs:
 * how a stored JSON value becomes editable rows of strings, how rows are checked, and how they
 * become JSON again. Checks follow the Kubernetes API rules the cluster itself would apply, so
 * a value the inspector accepts does not fail later at `kubectl apply`.
 */
import { DNS_SUBDOMAIN, objectNameProblem } from '../../main/patch/k8s-names';
import type { Json } from '../../main/patch/model';

/** One editable row: a string per column, plus keys the inspector does not show, kept as they were. */
export interface DraftRow {
  cells: Record<string, string>;
  extra: Record<string, Json>;
}

export interface ColumnSpec {
  key: string;
  label: string;
  input: 'text' | 'number' | 'select';
  options?: readonly string[];
  placeholder?: string;
  /** A sentence saying what is wrong with `value`, or undefined when it is fine. */
  check(value: string): string | undefined;
}

export interface ListSpec {
  columns: readonly ColumnSpec[];
  /** Columns whose values together must be unique across rows (empty values are not compared). */
  unique: readonly (readonly string[])[];
  newRow(rows: readonly DraftRow[]): DraftRow;
  /** How a column's string is stored (ports are numbers). */
  toJson(key: string, value: string): Json;
}

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** IANA service name, as Kubernetes checks port names: ≤15 chars, a-z 0-9 '-', a letter, no '--'. */
const IANA_SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;

/** Checks a free-text field; only `name` has rules (it becomes the object's metadata.name). */
export function checkText(key: string, value: string): string | undefined {
  if (value.length > 1000) return 'At most 1000 characters.';
  if (key !== 'name') return undefined;
  return objectNameProblem(value);
}

function checkPort(value: string): string | undefined {
  if (!/^\d+$/.test(value.trim())) return 'A port is a whole number.';
  const n = Number(value);
  return n >= 1 && n <= 65535 ? undefined : 'A port lies in 1..65535.';
}

function checkPortName(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 15) return 'At most 15 characters.';
  return IANA_SVC_NAME.test(value) ? undefined : 'Lowercase letters, digits and single "-", with at least one letter.';
}

function checkEnvName(value: string): string | undefined {
  if (value === '') return 'A name is required.';
  return C_IDENTIFIER.test(value) ? undefined : 'Letters, digits and "_", not starting with a digit.';
}

function checkHost(value: string): string | undefined {
  if (value === '') return undefined;
  const host = value.startsWith('*.') ? value.slice(2) : value;
  return DNS_SUBDOMAIN.test(host) && value.length <= 253 ? undefined : 'A DNS name such as shop.example.com (or *.example.com).';
}

const oneOf = (options: readonly string[]) => (value: string) =>
  options.includes(value) ? undefined : `One of ${options.join(', ')}.`;

/** Which key holds the port number: Pods say containerPort, Services say port; stored rows win. */
export function portKeyFor(moduleType: string, stored: Json | undefined): 'containerPort' | 'port' {
  if (Array.isArray(stored)) {
    for (const row of stored) {
      if (row && typeof row === 'object' && !Array.isArray(row)) {
        if ('containerPort' in row) return 'containerPort';
        if ('port' in row) return 'port';
      }
    }
  }
  return /pod|deployment|replica|stateful|daemon|job/.test(moduleType) ? 'containerPort' : 'port';
}

/** The row spec for a list kind (`ports`, `env`, `rules`). */
export function listSpec(kind: 'ports' | 'env' | 'rules', portKey: 'containerPort' | 'port' = 'containerPort'): ListSpec {
  switch (kind) {
    case 'ports':
      return {
        columns: [
          { key: 'name', label: 'Name', input: 'text', placeholder: 'http', check: checkPortName },
          { key: portKey, label: 'Port', input: 'number', placeholder: '8080', check: checkPort },
          { key: 'protocol', label: 'Protocol', input: 'select', options: PROTOCOLS, check: oneOf(PROTOCOLS) },
        ],
        unique: [['name'], [portKey, 'protocol']],
        newRow: (rows) => {
          const used = new Set(rows.map((r) => r.cells[portKey]));
          let port = 8080;
          while (used.has(String(port))) port++;
          return { cells: { name: '', [portKey]: String(port), protocol: 'TCP' }, extra: {} };
        },
        toJson: (key, value) => (key === portKey ? Number(value) : value),
      };
    case 'env':
      return {
        columns: [
          { key: 'name', label: 'Name', input: 'text', placeholder: 'LOG_LEVEL', check: checkEnvName },
          { key: 'value', label: 'Value', input: 'text', placeholder: 'info', check: () => undefined },
        ],
        unique: [['name']],
        newRow: () => ({ cells: { name: '', value: '' }, extra: {} }),
        toJson: (_key, value) => value,
      };
    case 'rules':
      return {
        columns: [
          { key: 'host', label: 'Host', input: 'text', placeholder: 'shop.example.com', check: checkHost },
          {
            key: 'path',
            label: 'Path',
            input: 'text',
            placeholder: '/',
            check: (v) => (v.startsWith('/') ? undefined : 'A path starts with "/".'),
          },
          { key: 'pathType', label: 'Path type', input: 'select', options: PATH_TYPES, check: oneOf(PATH_TYPES) },
        ],
        unique: [['host', 'path']],
        newRow: () => ({ cells: { host: '', path: '/', pathType: 'Prefix' }, extra: {} }),
        toJson: (_key, value) => value,
      };
  }
}

/** Stored JSON (an array of objects, or anything else from an old file) as editable rows. */
export function toDraftRows(spec: ListSpec, stored: Json | undefined): DraftRow[] {
  if (!Array.isArray(stored)) return [];
  return stored.map((item) => {
    const object = item && typeof item === 'object' && !Array.isArray(item) ? item : {};
    const cells: Record<string, string> = {};
    const extra: Record<string, Json> = { ...object };
    for (const column of spec.columns) {
      const value = object[column.key];
      cells[column.key] = value === undefined || value === null ? (column.options?.[0] ?? '') : String(value);
      delete extra[column.key];
    }
    return { cells, extra };
  });
}

/** Rows back to JSON; empty optional text cells (a port without a name) are left out. */
export function fromDraftRows(spec: ListSpec, rows: readonly DraftRow[]): Json[] {
  return rows.map((row) => {
    const out: Record<string, Json> = { ...row.extra };
    for (const column of spec.columns) {
      const value = row.cells[column.key] ?? '';
      if (value === '' && column.input === 'text' && column.check('') === undefined) continue;
      out[column.key] = spec.toJson(column.key, value);
    }
    return out;
  });
}

/** Per row, per column: what is wrong. Empty when every row is valid. */
export type RowErrors = Record<number, Record<string, string>>;

export function checkRows(spec: ListSpec, rows: readonly DraftRow[]): RowErrors {
  const errors: RowErrors = {};
  const add = (row: number, key: string, message: string) => {
    errors[row] ??= {};
    errors[row][key] ??= message;
  };
  rows.forEach((row, i) => {
    for (const column of spec.columns) {
      const problem = column.check(row.cells[column.key] ?? '');
      if (problem) add(i, column.key, problem);
    }
  });
  for (const keys of spec.unique) {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const values = keys.map((k) => row.cells[k] ?? '');
      if (values.every((v) => v === '') || (keys.length === 1 && values[0] === '')) return;
      const signature = JSON.stringify(values);
      const first = seen.get(signature);
      if (first === undefined) seen.set(signature, i);
      else
        add(
          i,
          keys[0]!,
          `Same ${keys.map((k) => spec.columns.find((c) => c.key === k)?.label.toLowerCase() ?? k).join(' and ')} as row ${first + 1}.`,
        );
    });
  }
  return errors;
}

export const hasErrors = (errors: RowErrors): boolean => Object.keys(errors).length > 0;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * An Object module's manifest as the inspector shows it: a Secret's data and stringData values
 * masked (keys stay), so a screen share or a screenshot of the rack does not show them.
 */
export function maskedManifest(value: Json | undefined): Json | undefined {
  if (!isObject(value) || value['kind'] !== 'Secret') return value;
  const out = { ...value };
  for (const key of ['data', 'stringData']) {
    const values = out[key];
    if (isObject(values)) out[key] = Object.fromEntries(Object.keys(values).map((k) => [k, '••••••']));
  }
  return out;
}
