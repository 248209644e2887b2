/**
 * `k8s-synth render PERFORMANCE.k8sperf --out take.wav [--rate 48000]`: replays a recorded
 * performance onto the simulator from its seed and renders its sound to WAV, with progress on
 * stderr. Two renders of the same file are byte for byte the same.
 */
import { readFile } from 'node:fs/promises';
import { parseSubcommand } from './args';
import { exportAudio } from '../audio/export-audio';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { describeFsError } from '../files/fs-errors';
import { parsePerformance } from '../history/performance-file';

export const RENDER_COMMAND = 'render';
const USAGE = 'usage: k8s-synth render PERFORMANCE.k8sperf --out TAKE.wav [--rate 48000]\n';

export async function runRenderCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseSubcommand(argv, { out: { type: 'string', short: 'o' }, rate: { type: 'string' } });
  if (!parsed.ok) {
    process.stderr.write(`k8s-synth render: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (!file || extra.length || !out) {
    process.stderr.write(
      `k8s-synth render: ${!file ? 'name the performance file' : !out ? 'name the WAV with --out' : `unexpected ${extra.join(' ')}`}\n${USAGE}`,
    );
    return 2;
  }
  const rate = parsed.values.rate === undefined ? 48000 : Number(parsed.values.rate);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`k8s-synth render: cannot read ${file}: ${describeFsError(error)}\n`);
    return 1;
  }
  const { catalog, errors } = await loadCatalog(resourcesDir());
  if (errors.length)
    process.stderr.write(`k8s-synth render: some module definitions could not be loaded:\n${errors.join('\n')}\n`);
  const perf = parsePerformance(text, catalog);
  if (!perf.ok) {
    process.stderr.write(`k8s-synth render: ${file}: ${perf.error}\n`);
    return 1;
  }
  const tty = process.stderr.isTTY === true;
  let shown = -1;
  const result = await exportAudio(perf.performance, catalog, out, {
    rate,
    onProgress: (fraction) => {
      const pct = Math.floor(fraction * 100);
      // On a terminal one line updates in place; in a log, a line per 10 %.
      if (tty) process.stderr.write(`\rrendering ${out}: ${pct}%`);
      else if (pct >= shown + 10 || pct === 100) process.stderr.write(`rendering ${out}: ${(shown = pct - (pct % 10))}%\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  if (!result.ok) {
    process.stderr.write(`k8s-synth render: ${result.error}\n`);
    return 1;
  }
  const speed = (result.seconds * 1000) / Math.max(1, result.renderMs);
  process.stdout.write(
    `wrote ${result.path}: ${result.seconds.toFixed(1)} s at ${rate} Hz, ${result.voices} sounds, rendered in ${(result.renderMs / 1000).toFixed(2)} s (${Math.round(speed)}x real time)\n`,
  );
  return 0;
}
