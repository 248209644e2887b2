/** resources/eno/example stays true: the function still writes output.json for input.json, as JSON. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runKrmFunction } from './krm';

const dir = path.join(import.meta.dirname, '../../resources/eno/example');

it('turns the example input into the example output', () => {
  const run = runKrmFunction(readFileSync(path.join(dir, 'input.json'), 'utf8'));
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(path.join(dir, 'output.json'), 'utf8')));
});
