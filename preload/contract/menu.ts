/**
 * The native menu (Electron only) names what to do and the renderer does it, through its action
 * registry (as VS Code menus name command ids): a menu click and a shortcut run the same action,
 * ask the same questions and report the same refusals.
 */

export type MenuCommand =
  /** Runs the renderer's registered action with this id ('file.new', 'history.undo', ...). */
  { kind: 'action'; id: string } | { kind: 'open-recent'; path: string } | { kind: 'open-example'; name: string };

export interface MenuEventPayloads {
  'menu.command': MenuCommand;
}

export const MENU_EVENT_NAMES = ['menu.command'] as const satisfies readonly (keyof MenuEventPayloads)[];
