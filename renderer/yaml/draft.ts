/**
 * Unapplied YAML text kept while the YAML tab is closed (switching to another tab unmounts the
 * panel): the user's text is never thrown away, only replaced by Reset.
 */
let draft: string | undefined;

/** Takes the kept text (once). */
export function takeDraft(): string | undefined {
  const text = draft;
  draft = undefined;
  return text;
}

export function keepDraft(text: string | undefined): void {
  draft = text;
}
