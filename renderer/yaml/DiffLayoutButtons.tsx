/** The "Side by side" / "Unified" switch of a YAML diff, shared by the YAML tab and the History tab. */
import type { DiffLayout } from './yaml-diff-view';

const LAYOUTS: { layout: DiffLayout; label: string }[] = [
  { layout: 'split', label: 'Side by side' },
  { layout: 'unified', label: 'Unified' },
];

export function DiffLayoutButtons(props: {
  layout: DiffLayout;
  onChange: (layout: DiffLayout) => void;
  className: string;
  /** Prefix of the buttons' test ids: `<prefix>-split`, `<prefix>-unified`. */
  testIdPrefix: string;
}) {
  return (
    <>
      {LAYOUTS.map(({ layout, label }) => (
        <button
          key={layout}
          type="button"
          className={props.className}
          aria-pressed={props.layout === layout}
          onClick={() => props.onChange(layout)}
          data-testid={`${props.testIdPrefix}-${layout}`}
        >
          {label}
        </button>
      ))}
    </>
  );
}
