/**
 * Copy and paste through the system clipboard as JSON text (as VCV Rack does), so a selection
 * can travel between windows and into a chat. The page may not read the clipboard (permission
 * refused, insecure origin), so the last copy is also kept in memory and used then.
 */
import { copySelection, parseClipboard, planPaste, serializeClipboard } from '../edit/clipboard';
import { newId, notify, sendOps, setSelection, useRack } from '../store/rackStore';
import { shortcut } from './keys';
import { connected, type Action } from './types';

/** The last text we copied, and whether the system clipboard took it too. */
let memory: { text: string; inSystem: boolean } | null = null;

async function writeClipboard(text: string): Promise<void> {
  memory = { text, inSystem: false };
  try {
    await navigator.clipboard.writeText(text);
    memory.inSystem = true;
  } catch {
    // No clipboard access: the in-memory copy still pastes inside this window.
  }
}

async function readClipboard(): Promise<string | null> {
  // When our copy never reached the system clipboard, what is there is older than our copy.
  if (memory && !memory.inSystem) return memory.text;
  try {
    return await navigator.clipboard.readText();
  } catch {
    return memory?.text ?? null;
  }
}

/** Forgets the in-memory copy (tests). */
export function resetClipboardMemory(): void {
  memory = null;
}

export const copy: Action = {
  id: 'edit.copy',
  label: 'Copy',
  shortcut: shortcut('Mod+C'),
  enabled: (s) => s.selection.modules.length > 0,
  async perform() {
    const { patch, selection } = useRack.getState();
    const payload = copySelection(patch, selection.modules);
    await writeClipboard(serializeClipboard(payload));
    notify('info', `Copied ${payload.modules.length === 1 ? '1 module' : `${payload.modules.length} modules`}`);
  },
};

export const paste: Action = {
  id: 'edit.paste',
  label: 'Paste',
  shortcut: shortcut('Mod+V'),
  enabled: connected,
  async perform() {
    const text = await readClipboard();
    if (text === null) return notify('warning', 'Nothing to paste: copy modules in the rack first.');
    const parsed = parseClipboard(text);
    if (!parsed.ok) return notify('warning', parsed.error);
    const { patch, catalog } = useRack.getState();
    const plan = planPaste(patch, catalog, parsed.payload, newId);
    if (!plan.ok) return notify('error', plan.error);
    const result = await sendOps(plan.ops, { label: plan.label });
    if (!result?.ok) return;
    setSelection({ modules: plan.moduleIds, cables: plan.cableIds });
    if (plan.skipped.length) notify('warning', `Pasted, but left out: ${plan.skipped.join('; ')}.`);
  },
};

export const clipboardActions: readonly Action[] = [copy, paste];
