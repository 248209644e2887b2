/**
 * The module catalog: what each module type is (width, jacks, params, lights), as data.
 * Definitions live in resources/modules/<type>.json and are checked here; this file does no I/O.
 */
import { z } from 'zod';
import { SIGNAL_KINDS } from './signals';

/** Panel height in mm (Doepfer A-100: 3U = 128.5 mm) and the width of one HP in mm. */
export const PANEL_HEIGHT_MM = 128.5;
export const HP_MM = 5.08;

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
const mm = z.number().min(0);

export const JackDefSchema = z.object({
  id,
  label: z.string().min(1).max(12),
  description: z.string(),
  direction: z.enum(['input', 'output']),
  signal: z.enum(SIGNAL_KINDS),
  /** Poly inputs take one cable per channel, up to POLY_MAX_CHANNELS. */
  poly: z.boolean().default(false),
  x: mm,
  y: mm,
});

const ParamBase = {
  id,
  label: z.string().min(1).max(12),
  description: z.string(),
  x: mm,
  y: mm,
};

export const KnobDefSchema = z
  .object({
    ...ParamBase,
    kind: z.literal('knob'),
    min: z.number(),
    max: z.number(),
    default: z.number(),
    unit: z.string().default(''),
    /** Values are rounded to this step (1 for counts such as replicas). */
    step: z.number().positive().optional(),
    /** Values the knob snaps to while turning, like the centre click of a real pot. */
    detents: z.array(z.number()).default([]),
  })
  .refine((k) => k.min < k.max, { message: 'min must be below max' })
  .refine((k) => k.default >= k.min && k.default <= k.max, { message: 'default must lie within min..max' })
  .refine((k) => k.detents.every((d) => d >= k.min && d <= k.max), { message: 'detents must lie within min..max' });

export const SwitchDefSchema = z
  .object({
    ...ParamBase,
    kind: z.literal('switch'),
    /** Labels of the positions; the value is the position index. */
    positions: z.array(z.string()).min(2).max(3),
    default: z.number().int().min(0),
  })
  .refine((s) => s.default < s.positions.length, { message: 'default must name a position' });

export const ParamDefSchema = z.union([KnobDefSchema, SwitchDefSchema]);

export const LightDefSchema = z.object({
  id,
  label: z.string(),
  description: z.string(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** A bargraph is a column of segments (e.g. Node utilization); a plain light has 1. */
  segments: z.number().int().min(1).max(16).default(1),
  x: mm,
  y: mm,
});

/**
 * Free-form data fields the inspector offers for a module (Pod: name, image, ports, env).
 * `manifest` is a whole Kubernetes object (an Object module's), shown read-only: it is edited as
 * YAML in the YAML tab, where it is checked like every other document.
 */
export const DataFieldSchema = z.object({
  key: id,
  label: z.string(),
  kind: z.enum(['text', 'ports', 'env', 'rules', 'manifest']),
  placeholder: z.string().optional(),
});

export const ModuleDefSchema = z
  .object({
    type: id,
    name: z.string().min(1),
    description: z.string(),
    tags: z.array(z.string()),
    hp: z.number().int().min(2).max(48),
    /** Accent colour of the faceplate (header band, module browser chip). */
    accent: z.string().regex(/^#[0-9a-f]{6}$/i),
    /** File name of the faceplate SVG in resources/panels/. */
    panel: z.string().regex(/^[a-z0-9-]+\.svg$/),
    /**
     * The module type id a physical module reports over the serial link (PROTOCOL.md, module-info);
     * absent for modules that exist only on screen. Jacks, knobs, switches and LEDs are numbered on
     * the wire in the order they are listed here (inputs and outputs counted separately).
     */
    hardwareId: z.number().int().min(1).max(65535).optional(),
    jacks: z.array(JackDefSchema),
    params: z.array(ParamDefSchema),
    lights: z.array(LightDefSchema),
    data: z.array(DataFieldSchema).default([]),
  })
  .superRefine((def, ctx) => {
    // One id namespace per module (jacks, params, lights) so a reference names one thing.
    const seen = new Set<string>();
    for (const [group, items] of [
      ['jacks', def.jacks],
      ['params', def.params],
      ['lights', def.lights],
    ] as const) {
      items.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [group, i, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
        if (item.x > def.hp * HP_MM || item.y > PANEL_HEIGHT_MM)
          ctx.addIssue({ code: 'custom', path: [group, i], message: `"${item.id}" lies outside the ${def.hp} HP panel` });
      });
    }
  });

export type JackDef = z.infer<typeof JackDefSchema>;
export type KnobDef = z.infer<typeof KnobDefSchema>;
export type SwitchDef = z.infer<typeof SwitchDefSchema>;
export type ParamDef = z.infer<typeof ParamDefSchema>;
export type LightDef = z.infer<typeof LightDefSchema>;
export type ModuleDef = z.infer<typeof ModuleDefSchema>;
/** A module definition as it crosses to the renderer: with its faceplate SVG text. */
export type CatalogEntry = ModuleDef & { panelSvg: string };

/** Read-only lookup over validated module definitions. */
export class Catalog {
  private readonly byType: ReadonlyMap<string, CatalogEntry>;

  constructor(readonly entries: readonly CatalogEntry[]) {
    this.byType = new Map(entries.map((e) => [e.type, e]));
  }

  get(type: string): CatalogEntry | undefined {
    return this.byType.get(type);
  }

  jack(type: string, jackId: string): JackDef | undefined {
    return this.byType.get(type)?.jacks.find((j) => j.id === jackId);
  }

  param(type: string, paramId: string): ParamDef | undefined {
    return this.byType.get(type)?.params.find((p) => p.id === paramId);
  }

  /** Params of a new module: every default, overridden by the given values. */
  defaultParams(type: string): Record<string, number> {
    const def = this.byType.get(type);
    return Object.fromEntries((def?.params ?? []).map((p) => [p.id, p.default]));
  }
}

/** Checks raw module definitions; errors name the file and the field. */
export function parseCatalog(files: readonly { name: string; json: unknown; panelSvg: string }[]): {
  catalog: Catalog;
  errors: string[];
} {
  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const parsed = ModuleDefSchema.safeParse(file.json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${file.name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    if (entries.some((e) => e.type === parsed.data.type)) {
      errors.push(`${file.name}: type: "${parsed.data.type}" is defined twice`);
      continue;
    }
    entries.push({ ...parsed.data, panelSvg: file.panelSvg });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { catalog: new Catalog(entries), errors };
}
