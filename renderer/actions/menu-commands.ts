/**
 * The native menu's commands (Electron), run through the action registry: the menu names an
 * action and the page performs it exactly as its button or shortcut would (same confirm dialog,
 * same notice when main refuses, e.g. an undo the physical rack made impossible).
 */
import type { MenuCommand } from '../../preload/contract';
import { notify } from '../store/rackStore';
import { confirmDiscard, openExampleNamed, openPath } from './file-actions';
import { actions, runAction } from './registry';
import type { ActionContext } from './types';

export async function runMenuCommand(command: MenuCommand, ctx: ActionContext): Promise<void> {
  switch (command.kind) {
    case 'action': {
      const action = actions.find((a) => a.id === command.id);
      if (!action) return notify('error', `The menu asked for "${command.id}", which this page does not know.`);
      await runAction(action, ctx);
      return;
    }
    case 'open-recent':
      if (await confirmDiscard()) await openPath(command.path);
      return;
    case 'open-example':
      if (await confirmDiscard()) await openExampleNamed(command.name);
      return;
  }
}
