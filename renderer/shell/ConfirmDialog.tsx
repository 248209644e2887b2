/** The in-app yes/no question (uiStore.confirmDialog): "Discard unsaved changes to live.k8spatch?". */
import { Modal } from './Modal';
import type { Dialog } from './uiStore';

/** Cancel has the focus: a stray Enter must not throw work away. */
export function ConfirmDialog({ dialog }: { dialog: Extract<Dialog, { kind: 'confirm' }> }) {
  return (
    <Modal title={dialog.title} onCancel={() => dialog.resolve(false)} testId="confirm-dialog">
      <p className="shell-modal__text">{dialog.message}</p>
      <div className="shell-modal__actions">
        <button
          type="button"
          className="shell-button"
          data-autofocus
          data-testid="confirm-cancel"
          onClick={() => dialog.resolve(false)}
        >
          Cancel
        </button>
        <button
          type="button"
          className="shell-button shell-button--danger"
          data-testid="confirm-ok"
          onClick={() => dialog.resolve(true)}
        >
          {dialog.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
