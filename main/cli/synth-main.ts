/**
 * Entry point of the synthesizer image (resources/eno/Dockerfile): `k8s-synth synth` alone, bundled
 * with its dependencies into one CommonJS file, so the image carries no node_modules and no Electron.
 */
import { runSynthCommand } from './synth-command';

void runSynthCommand(['synth', ...process.argv.slice(2)]).then((code) => (process.exitCode = code));
