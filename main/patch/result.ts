/**
 * The one result of something that can be refused without throwing: `ok: true` with its values,
 * or `ok: false` with a sentence for the user saying what is wrong and what to do. (The Session's
 * own refusals carry a coded PatchError instead: see SessionResult.)
 */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
