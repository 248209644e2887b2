import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RackRequestError, REQUEST_NAMES } from '../../preload/contract';
import { createDispatcher, isRequestName, type Handlers } from './dispatcher';

/** Handlers that echo their validated input, so tests see what reached them. */
function echoHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const echo = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (input: unknown) => ({ echoed: input })]));
  return { ...echo, ...overrides } as unknown as Handlers;
}

async function refusal(promise: Promise<unknown>): Promise<RackRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RackRequestError);
  return error as RackRequestError;
}

describe('createDispatcher', () => {
  const logs: string[] = [];
  const dispatcher = createDispatcher(
    echoHandlers({
      'patch.get': () => {
        throw new Error('disk on fire at /home/me/secret.k8spatch');
      },
    }),
    { logError: (m) => logs.push(m) },
  );

  it('runs the handler with the validated input', async () => {
    await expect(dispatcher.dispatch('file.open', { path: '/tmp/a.k8spatch' })).resolves.toEqual({
      echoed: { path: '/tmp/a.k8spatch' },
    });
  });

  it.each([['nope'], ['__proto__'], ['constructor'], ['hasOwnProperty'], [42], [null], [undefined], [{ name: 'patch.get' }]])(
    'refuses the unknown request name %j',
    async (name) => {
      const error = await refusal(dispatcher.dispatch(name, {}));
      expect(error.code).toBe('unknown-request');
    },
  );

  it('names the offending field of invalid input', async () => {
    const error = await refusal(
      dispatcher.dispatch('patch.apply', { op: { type: 'remove-module', id: 'ok' }, source: 'replay' }),
    );
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^Invalid input for "patch\.apply": source: /),
    });
    expect((await refusal(dispatcher.dispatch('file.open', {}))).message).toMatch(/path/);
    expect((await refusal(dispatcher.dispatch('file.open', undefined))).code).toBe('invalid-input');
    expect((await refusal(dispatcher.dispatch('file.open', { path: 'a', extra: 1 }))).message).toMatch(/extra/);
  });

  it('quotes at most three issues', async () => {
    const error = await refusal(
      dispatcher.dispatch('patch.apply', { op: { type: 'add-module', module: {} }, source: 'x', gesture: 5, more: 1 }),
    );
    expect(error.message).toMatch(/and \d+ more/);
  });

  it('turns a handler exception into handler-failed with a reference, logging the stack only', async () => {
    const error = await refusal(dispatcher.dispatch('patch.get', {}));
    expect(error.code).toBe('handler-failed');
    expect(error.message).not.toContain('secret');
    const ref = /ref ([0-9a-f]{8})/.exec(error.message)?.[1];
    expect(logs.at(-1)).toContain(`ref ${ref}`);
    expect(logs.at(-1)).toContain('disk on fire');
  });

  it('passes a RackRequestError from a handler through unchanged', async () => {
    const d = createDispatcher(
      echoHandlers({
        'file.state': () => {
          throw new RackRequestError('disconnected', 'gone');
        },
      }),
    );
    expect(await refusal(d.dispatch('file.state', {}))).toMatchObject({ code: 'disconnected', message: 'gone' });
  });

  it('answers any input to any request with the input or a named refusal, never a validation crash (property)', async () => {
    const wrapped = (value: unknown, depth: number, inObject: boolean) => {
      let v = value;
      for (let i = 0; i < depth; i++) v = inObject ? { a: v } : [v];
      return v;
    };
    const input = fc.oneof(
      fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 4 }),
      fc
        .tuple(fc.anything({ maxDepth: 2 }), fc.integer({ min: 0, max: 5000 }), fc.boolean())
        .map(([v, d, o]) => wrapped(v, d, o)),
      fc.record({ op: fc.record({ type: fc.constant('set-data'), id: fc.string(), data: fc.anything({ maxDepth: 3 }) }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REQUEST_NAMES), input, async (name, value) => {
        const seen = logs.length;
        const outcome = await dispatcher.dispatch(name, value).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (name === 'patch.get' || outcome === undefined) return;
        expect(outcome).toBeInstanceOf(RackRequestError);
        expect((outcome as RackRequestError).code).toBe('invalid-input');
        expect((outcome as RackRequestError).message).not.toContain('could not be checked');
        expect(logs.length).toBe(seen);
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 3000 },
    );
  });

  it('recognises exactly the contract names', () => {
    expect(REQUEST_NAMES.every(isRequestName)).toBe(true);
    expect(isRequestName('toString')).toBe(false);
  });
});
