import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HP_MM, PANEL_HEIGHT_MM, type CatalogEntry } from '../patch/catalog';
import { incompatibility, SIGNAL_KINDS } from '../patch/signals';
import { loadCatalog, panelProblem, RESOURCES_ENV, resourcesDir } from './load-catalog';

const RESOURCES = resourcesDir();
const temps: string[] = [];

/** A copy of the shipped modules and panels in a temp folder, for tests that break one. */
async function tempResources(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-catalog-'));
  temps.push(dir);
  await cp(path.join(RESOURCES, 'modules'), path.join(dir, 'modules'), { recursive: true });
  await cp(path.join(RESOURCES, 'panels'), path.join(dir, 'panels'), { recursive: true });
  return dir;
}

async function editJson(file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(file, JSON.stringify(json));
}

afterEach(async () => {
  delete process.env[RESOURCES_ENV];
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The ids other code relies on, per module: jacks as id:direction:signal(:poly). */
function summary(entry: CatalogEntry) {
  return {
    hp: entry.hp,
    jacks: entry.jacks.map((j) => `${j.id}:${j.direction}:${j.signal}${j.poly ? ':poly' : ''}`),
    params: entry.params.map((p) => `${p.id}:${p.kind}`),
    lights: entry.lights.map((l) => l.id),
    data: entry.data.map((d) => `${d.key}:${d.kind}`),
  };
}

const range = (prefix: string, n: number, suffix = '') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}${suffix}`);

describe('loadCatalog (shipped resources)', () => {
  it('loads all ten modules with zero errors and the agreed ids', async () => {
    const { catalog, errors } = await loadCatalog(RESOURCES);
    expect(errors).toEqual([]);
    const byType = Object.fromEntries(catalog.entries.map((e) => [e.type, summary(e)]));
    expect(byType).toEqual({
      pod: {
        hp: 8,
        jacks: ['life:input:gate', 'req:input:trigger', 'ready:output:gate', 'load:output:cv', 'audio:output:audio'],
        params: ['cpu:knob'],
        lights: ['ready-led', 'phase', 'req-led'],
        data: ['name:text', 'image:text', 'ports:ports', 'env:env'],
      },
      deployment: {
        hp: 12,
        jacks: [
          'reconcile:input:trigger',
          'ready-count:output:cv',
          ...range('claim', 6, ':output:gate'),
          ...range('ready', 6, ':input:gate'),
        ],
        params: ['replicas:knob'],
        lights: range('claim', 6, '-led'),
        data: ['name:text'],
      },
      service: {
        hp: 8,
        jacks: ['select:input:gate:poly', 'req:input:trigger', ...range('ep', 4, ':output:trigger'), 'audio:output:audio'],
        params: [],
        lights: ['err', ...range('ep', 4, '-led')],
        data: ['name:text', 'ports:ports'],
      },
      node: {
        hp: 10,
        jacks: ['load:input:cv:poly', 'util:output:cv', 'cordoned:output:gate', 'audio:output:audio'],
        params: ['capacity:knob', 'cordon:switch'],
        lights: ['util-led', 'cordon-led'],
        data: ['name:text'],
      },
      follow: { hp: 4, jacks: [], params: ['arm:switch'], lights: [], data: [] },
      etcd: {
        hp: 6,
        jacks: ['write:input:trigger:poly', 'watch:output:trigger', 'audio:output:audio'],
        params: [],
        lights: ['write-led', 'heartbeat'],
        data: ['name:text'],
      },
      ingress: {
        hp: 10,
        jacks: ['req:input:trigger', ...range('route', 4, ':output:trigger')],
        params: ['rps:knob'],
        lights: range('route', 4, '-led'),
        data: ['name:text', 'rules:rules'],
      },
      controller: {
        hp: 8,
        jacks: ['watch:input:trigger', 'tick:output:trigger', 'act:output:trigger', 'audio:output:audio'],
        params: ['interval:knob'],
        lights: ['tick-led', 'watch-led', 'act-led'],
        data: ['name:text'],
      },
      object: { hp: 4, jacks: [], params: [], lights: [], data: ['manifest:manifest'] },
      'audio-out': {
        hp: 8,
        jacks: ['left:input:audio:poly', 'right:input:audio:poly'],
        params: ['level-l:knob', 'level-r:knob'],
        lights: ['left-led', 'right-led'],
        data: ['name:text'],
      },
    });
    expect(catalog.defaultParams('pod')).toEqual({ cpu: 250 });
    expect(catalog.defaultParams('node')).toEqual({ capacity: 4000, cordon: 0 });
  });

  it('places every jack, knob, switch and light where a panel has room for it', async () => {
    const { catalog } = await loadCatalog(RESOURCES);
    const problems: string[] = [];
    for (const def of catalog.entries) {
      const items = [...def.jacks, ...def.params, ...def.lights];
      for (const item of items) {
        // Mounting screws and rails take the top and bottom 10 mm.
        if (item.y < 10 || item.y > PANEL_HEIGHT_MM - 10) problems.push(`${def.type}.${item.id} sits on a rail (y ${item.y})`);
        if (item.x < 4 || item.x > def.hp * HP_MM - 4) problems.push(`${def.type}.${item.id} is too near the edge (x ${item.x})`);
      }
      items.forEach((a, i) =>
        items.slice(i + 1).forEach((b) => {
          const d = Math.hypot(a.x - b.x, a.y - b.y);
          if (d < 9) problems.push(`${def.type}: ${a.id} and ${b.id} are ${d.toFixed(1)} mm apart`);
        }),
      );
      if (!def.panelSvg.includes(`viewBox="0 0 ${+(def.hp * HP_MM).toFixed(2)} ${PANEL_HEIGHT_MM}"`))
        problems.push(`${def.type}: panel viewBox is not 0 0 ${def.hp * HP_MM} ${PANEL_HEIGHT_MM}`);
      if (def.panelSvg.length > 8192) problems.push(`${def.type}: panel is ${def.panelSvg.length} bytes`);
    }
    expect(problems).toEqual([]);
  });
});

describe('resources/protocol/SIGNALS.md', () => {
  it('states the compatibility matrix exactly as incompatibility() decides it', async () => {
    const doc = await readFile(path.join(RESOURCES, 'protocol', 'SIGNALS.md'), 'utf8');
    const written: Record<string, (string | null)[]> = {};
    for (const line of doc.split('\n')) {
      const row = /^\|\s*\*\*(\w+)\*\*\s*\|(.*)\|$/.exec(line);
      if (row) written[row[1]!] = row[2]!.split('|').map((cell) => (cell.trim() === '✓' ? null : cell.trim().replace(/^✗ /, '')));
    }
    const decided = Object.fromEntries(SIGNAL_KINDS.map((out) => [out, SIGNAL_KINDS.map((inp) => incompatibility(out, inp))]));
    expect(written).toEqual(decided);
  });
});

describe('loadCatalog (broken resources)', () => {
  it('names the file and the field of a broken definition, and still loads the others', async () => {
    const dir = await tempResources();
    await editJson(path.join(dir, 'modules', 'pod.json'), (json) => {
      (json.jacks as Record<string, unknown>[])[0]!.signal = 'voltage';
    });
    const { catalog, errors } = await loadCatalog(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^modules\/pod\.json: jacks\.0\.signal: /);
    expect(catalog.get('pod')).toBeUndefined();
    expect(catalog.entries).toHaveLength(9);
  });

  it('reports a definition that is not JSON, or whose type differs from its file name', async () => {
    const dir = await tempResources();
    await writeFile(path.join(dir, 'modules', 'etcd.json'), '{ "type": "etcd", ');
    await editJson(path.join(dir, 'modules', 'node.json'), (json) => {
      json.type = 'worker';
    });
    const { errors } = await loadCatalog(dir);
    expect(errors).toEqual([
      expect.stringMatching(/^modules\/etcd\.json: \(root\): not readable JSON/),
      'modules/node.json: type: "worker" does not match the file name (expected "node")',
    ]);
  });

  it('reports a missing panel', async () => {
    const dir = await tempResources();
    await unlink(path.join(dir, 'panels', 'service.svg'));
    const { catalog, errors } = await loadCatalog(dir);
    expect(errors).toEqual(['modules/service.json: panel: panels/service.svg is missing']);
    expect(catalog.get('service')).toBeUndefined();
  });

  it('reports a panel that is not an SVG, or not self-contained', async () => {
    const dir = await tempResources();
    await writeFile(path.join(dir, 'panels', 'pod.svg'), '<html><body>not a panel</body></html>');
    await writeFile(
      path.join(dir, 'panels', 'etcd.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const { errors } = await loadCatalog(dir);
    expect(errors).toEqual([
      'modules/etcd.json: panel: panels/etcd.svg contains a script or foreignObject',
      'modules/pod.json: panel: panels/pod.svg is not an SVG document (expected an <svg> root element)',
    ]);
  });

  it('accepts internal references in a panel and refuses external ones', () => {
    const svg = (inner: string) => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>\n`;
    expect(panelProblem(svg('<rect fill="url(#g)"/><use href="#a"/>'))).toBeUndefined();
    expect(panelProblem(svg('<image href="https://example.com/x.png"/>'))).toMatch(
      /external resource \(https:\/\/example\.com\/x\.png\)/,
    );
    expect(panelProblem(svg('<rect style="fill:url(file:///etc/x)"/>'))).toMatch(/external resource/);
    expect(panelProblem(svg('<rect onclick="x()"/>'))).toBe('contains an event handler attribute');
  });

  it('reports an unreadable modules folder instead of throwing', async () => {
    const { catalog, errors } = await loadCatalog(path.join(os.tmpdir(), 'k8s-synth-no-such-folder'));
    expect(catalog.entries).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/^modules\/: cannot read .* \(ENOENT\)$/)]);
  });
});

describe('resourcesDir', () => {
  it('finds the repository resources from this source file', () => {
    expect(RESOURCES).toBe(fileURLToPath(new URL('../../resources', import.meta.url)));
  });

  it('walks up from a bundle in dist/app/', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-root-'));
    temps.push(root);
    await mkdir(path.join(root, 'resources', 'modules'), { recursive: true });
    await mkdir(path.join(root, 'dist', 'app'), { recursive: true });
    expect(resourcesDir(path.join(root, 'dist', 'app'))).toBe(path.join(root, 'resources'));
  });

  it('takes $K8S_SYNTH_RESOURCES over the search', () => {
    process.env[RESOURCES_ENV] = '/somewhere/else/resources';
    expect(resourcesDir()).toBe('/somewhere/else/resources');
  });
});
