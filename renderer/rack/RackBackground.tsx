/**
 * The case behind the modules: one row per 3U rail pair, rack.hp wide, with an HP grid to snap
 * to, drawn in flow coordinates (ViewportPortal) beneath nodes and cables. Under the case, a
 * button adds a row; "− row" removes the last row when it is empty (main refuses otherwise).
 */
import { MAX_RACK_ROWS } from '../../main/patch/model';
import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import { newId, sendOps, useRack } from '../store/rackStore';
import { HP_PX, ROW_PX } from './geometry';

export const RackBackground = memo(function RackBackground() {
  const rows = useRack((s) => s.patch.rack.rows);
  const hp = useRack((s) => s.patch.rack.hp);
  const lastRowEmpty = useRack((s) => !s.patch.modules.some((m) => m.row === s.patch.rack.rows - 1));
  const connected = useRack((s) => s.client !== null);
  const width = hp * HP_PX;

  const resize = (nextRows: number) =>
    void sendOps([{ type: 'set-rack', rack: { rows: nextRows, hp } }], { gesture: newId('g') });

  return (
    <ViewportPortal>
      <div className="rack-case" data-testid="rack-case" style={{ width, height: rows * ROW_PX }}>
        {Array.from({ length: rows }, (_, row) => (
          <div
            key={row}
            className="rack-row"
            data-testid={`rack-row-${row}`}
            style={{ top: row * ROW_PX, width, height: ROW_PX }}
          >
            <div className="rail rail-top" />
            <div className="rail rail-bottom" />
            <span className="row-label">{row + 1}</span>
          </div>
        ))}
        <div className="rack-size" style={{ top: rows * ROW_PX + 10 }}>
          <button
            type="button"
            className="rack-button"
            data-testid="add-row"
            disabled={!connected || rows >= MAX_RACK_ROWS}
            onClick={() => resize(rows + 1)}
            title="Add a 3U row to the rack"
          >
            + row
          </button>
          {rows > 1 && (
            <button
              type="button"
              className="rack-button"
              data-testid="remove-row"
              disabled={!connected || !lastRowEmpty}
              onClick={() => resize(rows - 1)}
              title={lastRowEmpty ? 'Remove the last row' : 'The last row holds modules; move them first'}
            >
              − row
            </button>
          )}
          <span className="rack-dims">
            {rows} × {hp} HP
          </span>
        </div>
      </div>
    </ViewportPortal>
  );
});
