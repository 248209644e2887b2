/**
 * The confirmation before anything is written to a cluster: the context and namespace in large
 * type, then what will be created, changed, adopted and deleted. Cancel has the focus.
 */
import type { PlanView } from '../../preload/contract';
import { Modal } from '../shell/Modal';

const GROUPS = [
  ['create', 'Create'],
  ['update', 'Change'],
  ['adopt', 'Adopt into the ApplySet (labels only)'],
  ['delete', 'Delete'],
] as const;

export function ApplyConfirm({ plan, takeOver, onAnswer }: { plan: PlanView; takeOver: boolean; onAnswer(ok: boolean): void }) {
  return (
    <Modal title="Apply to the cluster?" onCancel={() => onAnswer(false)} testId="cluster-confirm">
      <p className="cluster-confirm__target" data-testid="cluster-confirm-target">
        {plan.context} <span className="shell-muted">/</span> {plan.namespace}
      </p>
      {GROUPS.map(([action, label]) => {
        const items = plan.items.filter(
          (i) => i.action === action || (takeOver && action === 'update' && i.action === 'conflict'),
        );
        if (!items.length) return null;
        return (
          <div key={action} className={`cluster-confirm__group cluster-confirm__group--${action}`}>
            <h3>
              {label} ({items.length})
            </h3>
            <ul data-testid={`cluster-confirm-${action}`}>
              {items.map((i) => (
                <li key={i.key}>
                  {i.kind} {i.name}
                  {i.action === 'conflict' ? ' (taking over fields of another manager)' : ''}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="shell-modal__actions">
        <button
          type="button"
          className="shell-button"
          data-autofocus
          data-testid="cluster-confirm-cancel"
          onClick={() => onAnswer(false)}
        >
          Cancel
        </button>
        <button
          type="button"
          className="shell-button shell-button--danger"
          data-testid="cluster-confirm-ok"
          onClick={() => onAnswer(true)}
        >
          Apply to {plan.namespace}
        </button>
      </div>
    </Modal>
  );
}
