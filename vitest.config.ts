import { defineConfig } from 'vitest/config';

/**
 * Four projects: unit (pure code, beside its module), integration (real files, sockets, processes
 * under tests/integration), cluster (against a real control plane, tests/cluster) and e2e (the built app in Debian's Chromium under tests/e2e).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Property tests run hundreds of random patches: a busy 2-core CI machine needs headroom.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // Real clusters: one real control plane (etcd, kube-apiserver, controller-manager,
        // scheduler, kwok) for the run, built from the Go module proxy (scripts/control-plane.mjs).
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: ['tests/helpers/control-plane/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
