/**
 * Builds the renderer (React Flow rack editor) into dist/renderer, loaded by Electron from
 * file:// and served by `k8s-synth serve` over http. Relative asset paths (`base: './'`) work for
 * both. The page's CSP is `script-src 'self'`, so the output must hold no inline script: Vite
 * emits the entry as an external module and the modulepreload polyfill is left out.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server injects an inline React Refresh preamble and talks to its HMR socket, both of
 * which the production CSP forbids; in `vite` (serve) only, drop the CSP meta. Builds keep it.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'k8s-synth:relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    },
  };
}

/** `K8S_SYNTH_API=http://127.0.0.1:PORT npm run dev` forwards /api to a running `k8s-synth serve`. */
const api = process.env.K8S_SYNTH_API;

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false },
    // One small app; a single chunk keeps file:// loading simple.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    ...(api ? { proxy: { '/api': { target: api, ws: true } } } : {}),
  },
});
