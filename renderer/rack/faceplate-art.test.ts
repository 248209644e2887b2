import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../main/patch/catalog';
import { testCatalog } from '../../tests/helpers/catalog';
import { faceplateSvg, mix, viewBox } from './faceplate-art';

const catalog = testCatalog();

const withPanel = (type: string, panelSvg: string): CatalogEntry => ({ ...catalog.get(type)!, panelSvg });

describe('faceplateSvg', () => {
  it('draws a nut per jack and a body per knob, in the panel’s own coordinates, before </svg>', () => {
    const def = withPanel(
      'dst',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40.64 128.5"><rect width="40.64" height="128.5"/></svg>',
    );
    const svg = faceplateSvg(def);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40.64 128.5"><rect')).toBe(true);
    expect(svg.endsWith('</g></svg>')).toBe(true);
    expect(svg.match(/<polygon /g)).toHaveLength(def.jacks.length);
    expect(svg.match(/url\(#k8s-knob\)/g)).toHaveLength(1);
    expect(svg).toContain('transform="translate(0 0) scale(1 1)"');
  });

  it('maps millimetres onto a panel drawn in other units', () => {
    const def = withPanel('src', '<svg viewBox="0 0 304.8 1285"></svg>'); // 6 HP in tenths of a mm
    expect(faceplateSvg(def)).toContain('scale(10 10)');
  });

  it('leaves a panel without a closing tag alone', () => {
    expect(faceplateSvg(withPanel('src', 'not svg'))).toBe('not svg');
  });
});

describe('helpers', () => {
  it('reads the root viewBox', () => {
    expect(viewBox('<svg width="1" viewBox="0 0 10 20">')).toEqual({ x: 0, y: 0, w: 10, h: 20 });
    expect(viewBox('<svg width="1"><g viewBox="0 0 1 1"/></svg>')).toBeUndefined();
  });

  it('mixes an LED colour into a dark lens', () => {
    expect(mix('#ffffff', 1)).toBe('#ffffff');
    expect(mix('#ffffff', 0)).toBe('#0b0c0e');
  });
});
