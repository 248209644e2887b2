/**
 * The bundled example patches: resources/examples/index.json lists them, each one is
 * resources/examples/<name>.k8spatch. Names are checked against the list before any path is
 * built, so a request cannot name a file outside the examples folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IdSchema } from '../patch/model';
import { PATCH_FILE_EXTENSION } from '../patch/file';
import type { Example } from '../../preload/contract';

const ExampleSchema = z.object({ name: IdSchema, title: z.string(), description: z.string() });
/** The index is a list, or an object holding the list under `examples`. */
const IndexSchema = z.union([
  z.array(ExampleSchema),
  z.object({ examples: z.array(ExampleSchema) }).transform((i) => i.examples),
]);

/** The listed examples; an unreadable index gives none (the menu shows no examples). */
export async function listExamples(
  resourcesDir: string,
  logError: (m: string) => void = (m) => console.error(m),
): Promise<Example[]> {
  try {
    const parsed = IndexSchema.safeParse(JSON.parse(await readFile(join(resourcesDir, 'examples', 'index.json'), 'utf8')));
    if (parsed.success) return parsed.data.map(({ name, title, description }) => ({ name, title, description }));
    logError(`[k8s-synth] resources/examples/index.json: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  } catch (error) {
    logError(`[k8s-synth] cannot read the examples index: ${(error as Error).message}`);
  }
  return [];
}

/** The file of the example called `name`, or undefined when no example has that name. */
export async function examplePath(resourcesDir: string, name: string): Promise<string | undefined> {
  const listed = (await listExamples(resourcesDir)).some((e) => e.name === name);
  return listed ? join(resourcesDir, 'examples', `${name}${PATCH_FILE_EXTENSION}`) : undefined;
}
