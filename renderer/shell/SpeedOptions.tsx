/** The choices of a speed picker ("0.25×" … "4×"): the deck's and the simulator's read alike. */
export function SpeedOptions({ speeds }: { speeds: readonly number[] }) {
  return speeds.map((s) => (
    <option key={s} value={s}>
      {s}×
    </option>
  ));
}
