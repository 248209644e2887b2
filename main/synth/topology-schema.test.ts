/**
 * The checked-in JSON Schema (resources/synth/topology.schema.json) is the one the zod schema
 * generates, and real topologies validate against it with a JSON Schema validator (ajv).
 * Regenerate: UPDATE_SCHEMA=1 npx vitest run main/synth/topology-schema.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { examplePatch } from '../../tests/helpers/module-catalog';
import { patchToTopology } from './topology';
import { parseTopology, topologyJsonSchema } from './topology-schema';

const FILE = path.join(import.meta.dirname, '../../resources/synth/topology.schema.json');

describe('topology JSON Schema', () => {
  it('is up to date with the zod schema', () => {
    const generated = `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_SCHEMA']) writeFileSync(FILE, generated);
    // Compared as JSON, so prettier may format the file.
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(JSON.parse(generated));
  });

  it('accepts hello-web’s topology and refuses a broken one, as zod does', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(FILE, 'utf8')) as object);
    const topology = patchToTopology(examplePatch('hello-web'), 'hello-web');
    expect(validate(topology)).toBe(true);
    expect(parseTopology(topology).ok).toBe(true);
    // A version 1 topology (before Objects) still reads.
    const { objects: _objects, ...v1 } = { ...topology, mappingVersion: 1 };
    expect(validate(v1)).toBe(true);
    expect(parseTopology(v1).ok).toBe(true);
    const broken = { ...topology, deployments: [{ ...topology.deployments[0]!, replicas: 'three' }] };
    expect(validate(broken)).toBe(false);
    expect(parseTopology(broken)).toEqual({ ok: false, problems: [expect.stringMatching(/^deployments\.0\.replicas: /)] });
  });
});
