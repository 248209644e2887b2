/**
 * The KRM function's pure core (`k8s-synth synth`): a ResourceList in (YAML or JSON), one
 * ResourceList out as JSON (which is YAML too, and what Eno demands). Facts behind the choices are
 * in ../shared/reference/eno-and-krm.md §2.5:
 * - the topology comes from the item annotated `eno.azure.io/input-key` (Eno), or from the
 *   functionConfig ConfigMap (a kustomize/kpt generator); its `data["topology.json"]` is the topology;
 * - input items are consumed, every other item passes through untouched (a kustomize transformer);
 * - every result sets `severity` explicitly (empty means error to KRM and nothing to Eno);
 * - mode 'eno' exits 0 with error results (Eno drops stdout on a non-zero exit); mode 'krm' exits 1
 *   when any result is an error (kustomize and kpt fail the run on it);
 * - output bytes depend only on input bytes.
 */
import { INPUT_BUDGET, jsonTextDepthProblem } from '../patch/input-budget';
import type { Json } from '../patch/model';
import { topologyToManifests } from './manifests';
import { isJsonObject, type JsonObject } from './merge';
import { parseTopology } from './topology-schema';
import { validateManifest } from './validate';
import { readYamlText } from './yaml-text';

export type KrmMode = 'eno' | 'krm';
export const KRM_MODES: readonly KrmMode[] = ['eno', 'krm'];

export const ENO_INPUT_KEY = 'eno.azure.io/input-key';
/** The binding key our Synthesizer declares (resources/eno/synthesizer.yaml). */
export const TOPOLOGY_INPUT = 'topology';
/** The ConfigMap data key holding the topology JSON. */
export const TOPOLOGY_DATA_KEY = 'topology.json';

export interface KrmResult {
  message: string;
  severity: 'error' | 'warning' | 'info';
  resourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  field?: { path: string };
}

export interface KrmRun {
  stdout: string;
  exitCode: number;
  /** The error results' messages, for stderr (the KRM spec's place for free-form errors). */
  errors: string[];
}

const errorResult = (message: string, extra: Partial<KrmResult> = {}): KrmResult => ({ message, severity: 'error', ...extra });

function output(items: Json[], results: KrmResult[], mode: KrmMode): KrmRun {
  const list = { apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, results: results as unknown as Json[] };
  const failed = results.some((r) => r.severity === 'error');
  return {
    stdout: `${JSON.stringify(list, null, 2)}\n`,
    exitCode: failed && mode === 'krm' ? 1 : 0,
    errors: results.filter((r) => r.severity === 'error').map((r) => r.message),
  };
}

const annotations = (item: Json): JsonObject => {
  const a = isJsonObject(item) && isJsonObject(item['metadata']) ? item['metadata']['annotations'] : undefined;
  return isJsonObject(a) ? a : {};
};

function refOf(item: JsonObject): KrmResult['resourceRef'] {
  const meta = isJsonObject(item['metadata']) ? item['metadata'] : {};
  return {
    apiVersion: String(item['apiVersion'] ?? 'v1'),
    kind: String(item['kind'] ?? 'ConfigMap'),
    name: String(meta['name'] ?? ''),
    ...(typeof meta['namespace'] === 'string' ? { namespace: meta['namespace'] } : {}),
  };
}

/** A run that synthesized nothing: one error result (exit 0 for Eno, 1 for kustomize and kpt). */
export function krmFailure(message: string, mode: KrmMode): KrmRun {
  return output([], [errorResult(message)], mode);
}

/**
 * Runs the function over the text of a ResourceList. Never throws: Eno needs a ResourceList on
 * stdout and exit 0 whatever the input, so even a fault of our own becomes an error result.
 */
export function runKrmFunction(input: string, mode: KrmMode = 'eno'): KrmRun {
  try {
    return synthesize(input, mode);
  } catch (error) {
    return krmFailure(
      `The function failed on this input (${error instanceof Error ? error.message : String(error)}); nothing was synthesized.`,
      mode,
    );
  }
}

function synthesize(input: string, mode: KrmMode): KrmRun {
  const read = readYamlText(input);
  if (!read.ok) {
    const first = read.problems[0]!;
    return krmFailure(`stdin is not a YAML or JSON ResourceList: line ${first.line}: ${first.message}`, mode);
  }
  if (read.docs.length > 1) return krmFailure('stdin must be one ResourceList, not several YAML documents.', mode);
  const list: Json = read.docs[0]?.value ?? null;
  if (!isJsonObject(list) || list['kind'] !== 'ResourceList')
    return output(
      [],
      [errorResult('stdin must be one ResourceList (apiVersion config.kubernetes.io/v1, kind ResourceList).')],
      mode,
    );
  // Eno serializes zero inputs as `items: null`.
  const items = Array.isArray(list['items']) ? list['items'] : [];
  const inputs = items.filter((i) => ENO_INPUT_KEY in annotations(i));
  const passThrough = items.filter((i) => !(ENO_INPUT_KEY in annotations(i)));
  const config = list['functionConfig'];
  const source =
    (inputs.find((i) => annotations(i)[ENO_INPUT_KEY] === TOPOLOGY_INPUT) as JsonObject | undefined) ??
    (isJsonObject(config) && isJsonObject(config['data']) && TOPOLOGY_DATA_KEY in config['data'] ? config : undefined);
  if (!source)
    return output(
      passThrough,
      [
        errorResult(
          `No topology: bind a ConfigMap to the Synthesizer ref "${TOPOLOGY_INPUT}" (Eno), or use it as the functionConfig (kustomize/kpt); make it with \`k8s-synth topology-configmap PATCH\`.`,
        ),
      ],
      mode,
    );
  const ref = refOf(source);
  const data = isJsonObject(source['data']) ? source['data'][TOPOLOGY_DATA_KEY] : undefined;
  if (typeof data !== 'string')
    return output(
      passThrough,
      [
        errorResult(`The ConfigMap needs data["${TOPOLOGY_DATA_KEY}"] holding the topology JSON.`, {
          resourceRef: ref,
          field: { path: `data.${TOPOLOGY_DATA_KEY}` },
        }),
      ],
      mode,
    );
  const deep = jsonTextDepthProblem(data, INPUT_BUDGET.documentDepth, `data["${TOPOLOGY_DATA_KEY}"]`);
  if (deep)
    return output(passThrough, [errorResult(deep, { resourceRef: ref, field: { path: `data.${TOPOLOGY_DATA_KEY}` } })], mode);
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch (e) {
    return output(
      passThrough,
      [
        errorResult(`data["${TOPOLOGY_DATA_KEY}"] is not JSON: ${(e as Error).message}`, {
          resourceRef: ref,
          field: { path: `data.${TOPOLOGY_DATA_KEY}` },
        }),
      ],
      mode,
    );
  }
  const topology = parseTopology(raw);
  if (!topology.ok)
    return output(
      passThrough,
      topology.problems.map((p) =>
        errorResult(`Fix the topology (resources/synth/topology.schema.json): ${p}`, {
          resourceRef: ref,
          field: { path: `data.${TOPOLOGY_DATA_KEY}` },
        }),
      ),
      mode,
    );
  const { manifests, warnings } = topologyToManifests(topology.topology);
  const results: KrmResult[] = warnings.map((w) => ({ message: w, severity: 'warning' }));
  for (const m of manifests)
    for (const p of validateManifest(m))
      results.push(
        errorResult(`Invalid ${String(m['kind'])}: ${p.message}`, {
          resourceRef: refOf(m),
          field: { path: p.path.join('.') || '.' },
        }),
      );
  return output([...passThrough, ...manifests], results, mode);
}
