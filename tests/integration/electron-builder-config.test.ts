/**
 * electron-builder.yml is valid for the installed electron-builder (checked against the JSON schema
 * it ships, app-builder-lib/scheme.json) and keeps the security-relevant settings: native addons
 * unpacked from the asar, the fuses flipped, and all three desktop targets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repoRoot, 'package.json'));

type Config = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  extraMetadata: { main: string };
  directories: { output: string };
  fileAssociations: { ext: string }[];
  linux: { target: string[]; category: string; maintainer: string; synopsis: string };
  mac: { target: string; category: string };
  win: { target: string };
};

const configText = readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
const config = parse(configText) as Config;

/** electron-builder's own schema: resolved through electron-builder, so it is the one it uses. */
function loadSchema(): Record<string, unknown> {
  const builder = require.resolve('electron-builder/package.json');
  const appBuilderLib = createRequire(builder).resolve('app-builder-lib/package.json');
  return JSON.parse(readFileSync(path.join(path.dirname(appBuilderLib), 'scheme.json'), 'utf8')) as Record<string, unknown>;
}

let validate: ValidateFunction;
let schema: Record<string, unknown>;

beforeAll(() => {
  schema = loadSchema();
  // Ajv's default class speaks draft-07, the draft scheme.json declares (checked below). Strict mode
  // stays on; it only needs union types allowed and the one custom keyword electron-builder's schema
  // uses, `typeof: "function"` for hooks, which YAML cannot express anyway.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type: string, data: unknown) => typeof data === type });
  validate = ajv.compile(schema);
});

const errorsOf = (value: unknown) =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('electron-builder.yml against electron-builder’s schema', () => {
  it('the schema is draft-07, the draft this Ajv class validates', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('is valid', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('rejects an unknown top-level key (so the check above can fail)', () => {
    expect(errorsOf({ ...config, asarUnpak: ['**/*.node'] })).toContain(' must NOT have additional properties');
  });

  it('rejects a misspelt fuse and a mistyped value', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, target: 42 } })).toBe(false);
  });
});

describe('security-relevant settings', () => {
  it('packs the app into an asar and unpacks every native addon', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('flips the fuses for release builds', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('says why e2e against a packaged build needs the inspect fuse on', () => {
    const before = configText.slice(0, configText.indexOf('\nelectronFuses:'));
    expect(before).toMatch(/Playwright[\s\S]*inspect[\s\S]*test build/);
  });

  it('ships only the built app, resources and the sound addon, started from the built main', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata.main).toBe('dist/app/electron-main.cjs');
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual([
      'dist/**',
      'resources/**',
      'package.json',
      'native-audio/build/Release/native_audio.node',
    ]);
    expect(config.files).toContain('!**/*.{ts,tsx,mts,cts,map}');
    expect(config.directories.output).toBe('release');
  });

  it('builds for Linux, macOS and Windows and opens .k8spatch files', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category.split(';')).toEqual(expect.arrayContaining(['Audio', 'Development']));
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux.synopsis.length).toBeGreaterThan(0);
    expect(config.mac).toMatchObject({ target: 'dmg', category: 'public.app-category.developer-tools' });
    expect(config.win.target).toBe('nsis');
    expect(config.fileAssociations.map((a) => a.ext)).toContain('k8spatch');
  });
});
