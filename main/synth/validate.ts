/**
 * Checks manifests against the Kubernetes OpenAPI schemas, using the validators kubernetes-models
 * generates from them (we write no schema by hand).
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import type { Json } from '../patch/model';

export interface SchemaProblem {
  /** Path into the manifest, e.g. ['spec', 'replicas']. */
  path: (string | number)[];
  message: string;
}

type Validating = { validate(): void };
const MODELS: Record<string, new (data: never) => Validating> = {
  'apps/v1/Deployment': Deployment,
  'v1/Pod': Pod,
  'v1/Service': Service,
  'networking.k8s.io/v1/Ingress': Ingress,
};

/** The schema problems of one manifest of a modelled kind (none for kinds we do not model). */
export function validateManifest(manifest: Json): SchemaProblem[] {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return [{ path: [], message: 'not an object' }];
  const Model = MODELS[`${String(manifest['apiVersion'])}/${String(manifest['kind'])}`];
  if (!Model) return [];
  try {
    new Model(manifest as never).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
    if (!errors) return [{ path: [], message: String((e as Error).message) }];
    return errors.map((err) => {
      const path = err.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const extra = err.params && 'additionalProperty' in err.params ? ` (${String(err.params['additionalProperty'])})` : '';
      const where = path.length ? path.join('.') : 'the object';
      return { path, message: `${where} ${err.message ?? 'is invalid'}${extra}` };
    });
  }
}
