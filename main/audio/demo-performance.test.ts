import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePatch, moduleCatalog } from '../../tests/helpers/module-catalog';
import { parsePerformance } from '../history/performance-file';
import { demoPerformanceFile } from './demo-performance';

const SHIPPED = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'hello-web.k8sperf');

describe('the demo performance', () => {
  it('is what the generator makes (run `node scripts/make-demo-performance.mjs` after changing it) and imports cleanly', () => {
    const catalog = moduleCatalog();
    const text = readFileSync(SHIPPED, 'utf8');
    expect(text).toBe(demoPerformanceFile(examplePatch('hello-web', catalog), catalog));
    const parsed = parsePerformance(text, catalog);
    expect(parsed.ok && parsed.performance.length).toBeGreaterThanOrEqual(10_000);
  });
});
