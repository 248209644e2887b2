/**
 * An Object module's manifest, read-only: the inspector shows what the module holds and points to
 * the YAML tab for edits, where the text is checked like every other document (one editor for
 * Kubernetes objects, not two). A Secret's values are masked here, so a screen share or a
 * screenshot of the rack does not show them; the YAML tab shows the text the user put there.
 */
import { stringify } from 'yaml';
import { maskedManifest } from '../edit/data-fields';
import type { FieldProps } from './DataFields';

export function ManifestField({ field, stored }: FieldProps) {
  const shown = maskedManifest(stored);
  return (
    <div className="shell-field">
      <span className="shell-field__label">{field.label}</span>
      {shown && typeof shown === 'object' && !Array.isArray(shown) ? (
        <pre className="shell-code shell-manifest" data-testid={`inspector-field-${field.key}`}>
          {stringify(shown, { lineWidth: 0 })}
        </pre>
      ) : (
        <p className="shell-muted" data-testid={`inspector-field-${field.key}`}>
          Empty: paste a Kubernetes document into the YAML tab to fill the rack with it.
        </p>
      )}
      <p className="shell-muted">Edit it in the YAML tab.</p>
    </div>
  );
}
