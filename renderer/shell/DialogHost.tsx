/** Shows whichever in-app dialog uiStore holds (at most one at a time). */
import { assertNever } from '../../main/patch/ops';
import { ConfirmDialog } from './ConfirmDialog';
import { OpenDialog, SaveAsDialog } from './FileDialog';
import { useUi } from './uiStore';

/** Rendered once, by the TopBar, so any action can open a dialog through uiStore. */
export function DialogHost() {
  const dialog = useUi((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'open':
      return <OpenDialog />;
    case 'save-as':
      return <SaveAsDialog initialPath={dialog.initialPath} />;
    case 'confirm':
      return <ConfirmDialog dialog={dialog} />;
    default:
      return assertNever(dialog);
  }
}
