/**
 * The rack at a version, drawn small: each module a block in its type's colour at its row and
 * HP, each cable a line in its colour between its jacks. For the History tab's Preview, where
 * the YAML alone does not show how the rack looked.
 */
import type { Catalog } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import { moduleName } from '../../main/synth/topology';
import { HP_PX, jackPoint, rackSize, ROW_PX, slotToPosition } from '../rack/geometry';

export function RackThumbnail({ patch, catalog }: { patch: Patch; catalog: Catalog }) {
  const size = rackSize(patch.rack);
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  const at = (ref: { module: string; jack: string }) => {
    const m = byId.get(ref.module);
    const def = m && catalog.jack(m.type, ref.jack);
    if (!m || !def) return undefined;
    const base = slotToPosition(m);
    const p = jackPoint(def.x, def.y);
    return { x: base.x + p.x, y: base.y + p.y };
  };
  return (
    <svg
      className="rack-thumbnail"
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="img"
      aria-label={`The rack at this version: ${patch.modules.length} modules, ${patch.cables.length} cables`}
      data-testid="history-rack"
    >
      <rect width={size.width} height={size.height} fill="#15171b" />
      {Array.from({ length: patch.rack.rows }, (_, r) => (
        <line key={r} x1={0} x2={size.width} y1={r * ROW_PX} y2={r * ROW_PX} stroke="#3a3f47" strokeWidth={6} />
      ))}
      {patch.modules.map((m) => {
        const def = catalog.get(m.type);
        const p = slotToPosition(m);
        const width = (def?.hp ?? 8) * HP_PX;
        return (
          <g key={m.id} data-testid={`history-rack-module-${m.id}`}>
            <rect x={p.x + 2} y={p.y + 8} width={width - 4} height={ROW_PX - 16} rx={6} fill="#24272d" stroke="#4a4f57" />
            <rect x={p.x + 2} y={p.y + 8} width={width - 4} height={44} rx={6} fill={def?.accent ?? '#666a70'} />
            <text x={p.x + width / 2} y={p.y + ROW_PX / 2} fill="#d7dbe0" fontSize={34} textAnchor="middle">
              {moduleName(m).slice(0, 12)}
            </text>
          </g>
        );
      })}
      {patch.cables.map((c) => {
        const a = at(c.from);
        const b = at(c.to);
        return a && b ? (
          <line key={c.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={c.color} strokeWidth={8} opacity={0.8} />
        ) : null;
      })}
    </svg>
  );
}
