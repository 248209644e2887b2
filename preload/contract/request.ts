/** The building blocks every feature's part of the contract is written with. */
import { z } from 'zod';

/** A request: its input schema, and its output type carried as a phantom. */
export interface RequestDef<I, O> {
  input: z.ZodType<I>;
  /** Never set; only carries the output type. */
  readonly output?: O;
}

/** `request<Output>()(inputSchema)`: the output type is given, the input type inferred. */
export const request =
  <O>() =>
  <I>(input: z.ZodType<I>): RequestDef<I, O> => ({ input });

/** The input of a request that takes none. */
export const none = z.object({}).strict();

/** A file or folder path as a request names it. */
export const PathSchema = z.string().min(1).max(4096);
