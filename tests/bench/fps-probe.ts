/**
 * Frames per second of a React Flow canvas while it is panned and zoomed. Opens `url` in Debian's
 * Chromium (playwright-core), waits for the flow's nodes, then for ~5 s drags the pane and turns
 * the wheel (zooming in and back out) as fast as input events go, counting requestAnimationFrame
 * callbacks in the page. Works for any page with a `.react-flow` canvas: the bare baseline in
 * tests/bench/bare-flow/ and the app itself (point it at `k8s-synth serve`'s URL with its token).
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/helpers/app';

export interface FpsProbeOptions {
  /** How long to pan and zoom, ms. Default 5000. */
  durationMs?: number;
  viewport?: { width: number; height: number };
  /** Wait until this many `.react-flow__node` elements exist before measuring. Default 1. */
  minNodes?: number;
  /** Time allowed for the page to load and draw its nodes, ms. Default 60000. */
  loadTimeoutMs?: number;
  /** Records a Chromium trace of the pan/zoom (DevTools timeline categories) into this file. */
  tracePath?: string;
}

export interface FpsResult {
  url: string;
  /** Frames counted per second of wall time while panning and zooming. */
  fps: number;
  frames: number;
  seconds: number;
  /** Frame intervals: median, 95th percentile and worst, ms. */
  medianFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames that took longer than 50 ms (visible stutter). */
  longFrames: number;
  /** What was on the canvas. */
  nodes: number;
  edges: number;
  /** Input events sent: drag moves and wheel steps. */
  drags: number;
  wheels: number;
  /** Distinct viewport transforms seen: proves the input reached React Flow (should be many). */
  transforms: number;
}

/** What the page keeps while counting (on `window`, so later evaluate calls can read it). */
type ProbeWindow = Window & { __fpsProbe?: { frames: number[]; running: boolean; transforms: Set<string> } };

/** Probes one URL; see the file comment. */
export async function probeFps(url: string, options: FpsProbeOptions = {}): Promise<FpsResult> {
  const durationMs = options.durationMs ?? 5000;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url, { waitUntil: 'load', timeout: options.loadTimeoutMs ?? 60_000 });
    const minNodes = options.minNodes ?? 1;
    await page
      .waitForFunction((min) => document.querySelectorAll('.react-flow__node').length >= min, minNodes, {
        timeout: options.loadTimeoutMs ?? 60_000,
      })
      .catch((error: unknown) => {
        throw new Error(
          `fps-probe: no React Flow nodes at ${url}${pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''}`,
          {
            cause: error,
          },
        );
      });
    // Let fitView and the first layout settle before counting.
    await page.waitForTimeout(1000);
    const counts = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.react-flow__node').length,
      edges: document.querySelectorAll('.react-flow__edge').length,
    }));

    await startCounting(page);
    if (options.tracePath)
      await browser.startTracing(page, {
        path: options.tracePath,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      });
    const input = await drive(page, durationMs);
    if (options.tracePath) await browser.stopTracing();
    const { frames, transforms } = await page.evaluate(() => {
      const probe = (window as ProbeWindow).__fpsProbe!;
      probe.running = false;
      return { frames: probe.frames, transforms: probe.transforms.size };
    });
    return { url, ...summarise(frames), ...counts, ...input, transforms };
  } finally {
    await browser.close();
  }
}

/** Counts animation frames and records the viewport transform seen at each. */
async function startCounting(page: Page): Promise<void> {
  await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const probe = { frames: [] as number[], running: true, transforms: new Set<string>() };
    (window as ProbeWindow).__fpsProbe = probe;
    const tick = (time: number) => {
      if (!probe.running) return;
      probe.frames.push(time);
      if (viewport) probe.transforms.add(viewport.style.transform);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Pans by dragging from an empty spot of the pane (a drag that starts on a node would move the
 * node) and zooms with Ctrl+wheel, alternating in and out so the view stays in range.
 */
async function drive(page: Page, durationMs: number): Promise<{ drags: number; wheels: number }> {
  const box = await page.locator('.react-flow').first().boundingBox();
  if (!box) throw new Error('fps-probe: the .react-flow element has no box');
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const end = Date.now() + durationMs;
  let drags = 0;
  let wheels = 0;
  for (let round = 0; Date.now() < end; round++) {
    const start = (await emptyPanePoint(page, box)) ?? centre;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const direction = round % 2 === 0 ? 1 : -1;
    for (let i = 1; i <= 20 && Date.now() < end; i++) {
      await page.mouse.move(start.x + direction * i * 12, start.y + direction * i * 6);
      drags++;
    }
    await page.mouse.up();
    await page.mouse.move(centre.x, centre.y);
    // Ctrl+wheel zooms in both canvases (React Flow reads it as a pinch); a plain wheel pans the
    // rack, as in VCV Rack, so it would not be the same gesture as on the bare canvas.
    await page.keyboard.down('Control');
    for (let i = 0; i < 10 && Date.now() < end; i++) {
      await page.mouse.wheel(0, (round % 2 === 0 ? -1 : 1) * 60);
      wheels++;
    }
    await page.keyboard.up('Control');
  }
  return { drags, wheels };
}

/** A point inside `box` where the pane itself (not a node or edge) is on top, if there is one. */
async function emptyPanePoint(page: Page, box: { x: number; y: number; width: number; height: number }) {
  return page.evaluate((b) => {
    for (let fy = 0.5; fy < 1; fy += 0.05) {
      for (const sy of [1, -1]) {
        for (let fx = 0.5; fx < 1; fx += 0.05) {
          for (const sx of [1, -1]) {
            const x = b.x + b.width * (sx > 0 ? fx : 1 - fx);
            const y = b.y + b.height * (sy > 0 ? fy : 1 - fy);
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
          }
        }
      }
    }
    return null;
  }, box);
}

function summarise(frames: number[]) {
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const seconds = frames.length > 1 ? (frames[frames.length - 1]! - frames[0]!) / 1000 : 0;
  return {
    fps: seconds > 0 ? intervals.length / seconds : 0,
    frames: frames.length,
    seconds,
    medianFrameMs: at(0.5),
    p95FrameMs: at(0.95),
    maxFrameMs: sorted[sorted.length - 1] ?? 0,
    longFrames: intervals.filter((d) => d > 50).length,
  };
}

/** One line per probe, for the bench output. */
export function formatFps(label: string, r: FpsResult): string {
  return (
    `${label}: ${r.fps.toFixed(1)} fps over ${r.seconds.toFixed(1)} s (${r.nodes} nodes, ${r.edges} edges; ` +
    `frame median ${r.medianFrameMs.toFixed(1)} ms, p95 ${r.p95FrameMs.toFixed(1)} ms, max ${r.maxFrameMs.toFixed(0)} ms, ` +
    `${r.longFrames} > 50 ms; ${r.drags} drag moves, ${r.wheels} wheel steps, ${r.transforms} viewports)`
  );
}
