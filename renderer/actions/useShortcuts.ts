/**
 * The keyboard (and native menu) binding of the action registry: one keydown listener on window that runs the
 * action whose key test matches. Keys typed into text fields stay there (Backspace must delete
 * a character, not a module); Escape there only leaves the field.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useUi } from '../shell/uiStore';
import { useRack } from '../store/rackStore';
import { runMenuCommand } from './menu-commands';
import { actionForKey, runAction } from './registry';

function isTextField(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type);
}

/** Buttons, cards and canvas nodes answer Enter and Space themselves (activate, select). */
function isActivatable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('button, a[href], [role="option"], [role="button"], [tabindex]') !== null &&
    target !== document.body
  );
}

/** Binds every registered shortcut for as long as the calling component is mounted (App). */
export function useShortcuts(): void {
  // React Flow's instance is stable for the provider's lifetime, so the listener is bound once.
  const flow = useReactFlow();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // An open dialog owns the keyboard (its own Enter and Escape).
      if (event.defaultPrevented || event.isComposing || useUi.getState().dialog) return;
      if (isTextField(event.target)) {
        if (event.key === 'Escape') event.target.blur();
        return;
      }
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (plain && (event.key === 'Enter' || event.key === ' ') && isActivatable(event.target)) return;
      // Let the browser copy text the user selected with the mouse (e.g. an id in the inspector).
      if (event.key.toLowerCase() === 'c' && (event.ctrlKey || event.metaKey) && hasTextSelection()) return;
      const action = actionForKey(event);
      if (!action) return;
      // Claim the key even when the action is disabled: Mod+S must never open the page's "Save as".
      event.preventDefault();
      if (action.enabled(useRack.getState())) void runAction(action, { flow });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [flow]);

  // The native menu (Electron) names actions; they run here, as their keys do.
  const client = useRack((s) => s.client);
  useEffect(() => client?.on('menu.command', (command) => void runMenuCommand(command, { flow })), [client, flow]);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}
