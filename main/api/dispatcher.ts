/**
 * The one place where requests from a renderer are checked. Both transports (Electron IPC and
 * WebSocket) hand every request here as `(name: unknown, input: unknown)`: the name must be a
 * contract request and the input must pass its zod schema before any handler runs, because the
 * renderer is untrusted (Electron security checklist item 17: validate every IPC message).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { INPUT_BUDGET, valueProblem } from '../patch/input-budget';
import { RackRequestError, requests, type RequestInput, type RequestName, type RequestOutput } from '../../preload/contract';

/** One handler per contract request, typed from the contract so a missing one fails to compile. */
export type Handlers = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

export interface Dispatcher {
  /**
   * Validates and runs one request. Rejects only with RackRequestError: 'unknown-request',
   * 'invalid-input' (the message names the offending field) or 'handler-failed'.
   */
  dispatch(name: unknown, input: unknown): Promise<unknown>;
}

export interface DispatcherOptions {
  /** Where unexpected handler failures are written (default: console.error). */
  logError?: (message: string) => void;
  /**
   * The commit barrier (Session.committed): a reply waits for it, so a renderer never hears "done"
   * of an op that a crash could still take back.
   */
  committed?: () => Promise<void> | undefined;
}

/** At most this many zod issues are quoted back: enough to fix the call, not a flood. */
const MAX_ISSUES = 3;

/** Builds the dispatcher over `handlers`. */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const logError = options.logError ?? ((message: string) => console.error(message));
  return {
    async dispatch(name, input) {
      if (!isRequestName(name)) throw new RackRequestError('unknown-request', `Unknown request ${describeName(name)}.`);
      // Measured before zod sees it: recursive schemas overflow the stack on deep input.
      const overBudget = valueProblem(input, INPUT_BUDGET.documentDepth, 'input');
      if (overBudget) throw new RackRequestError('invalid-input', `Invalid input for "${name}": ${overBudget}`);
      let parsed: ReturnType<z.ZodType['safeParse']>;
      try {
        parsed = (requests[name].input as z.ZodType).safeParse(input);
      } catch (error) {
        // A validator fault is still the input's fault for the caller, and the log must say why.
        const ref = randomUUID().slice(0, 8);
        logError(`[k8s-synth] validating "${name}" failed (ref ${ref}): ${describeError(error)}`);
        throw new RackRequestError('invalid-input', `Invalid input for "${name}": it could not be checked (ref ${ref}).`);
      }
      if (!parsed.success)
        throw new RackRequestError('invalid-input', `Invalid input for "${name}": ${describeIssues(parsed.error.issues)}.`);
      const handler = handlers[name] as (input: unknown) => unknown;
      try {
        const result = await handler(parsed.data);
        await options.committed?.();
        return result;
      } catch (error) {
        if (error instanceof RackRequestError) throw error;
        // The log gets the stack but never the input: inputs can hold patch data or paths the
        // user did not mean to publish. The reference ties the renderer's message to the log line.
        const ref = randomUUID().slice(0, 8);
        logError(`[k8s-synth] request "${name}" failed (ref ${ref}): ${describeError(error)}`);
        throw new RackRequestError(
          'handler-failed',
          `The request "${name}" failed unexpectedly (ref ${ref}); the main process log has the details.`,
        );
      }
    },
  };
}

/** True for the contract's own request names; `hasOwn` keeps out "__proto__", "toString" and kin. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `(a ${name === null ? 'null' : typeof name} instead of a name)`;
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(input)'}: ${issue.message}`);
  if (issues.length > MAX_ISSUES) shown.push(`and ${issues.length - MAX_ISSUES} more`);
  return shown.join('; ');
}
