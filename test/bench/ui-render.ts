/**
 * The triage grid in headless Chromium: first render of 1,000 rows (from navigation to the painted
 * grid with every row loaded) against an empty react-admin list on the same page shell, in alternating
 * rounds; then the frame times while scrolling through all rows (p95 ≤ 32 ms).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { type BenchResult, type Benchmark, median, percentile } from './harness';
import { UI_ROOT, buildInto, serveDir } from './ui-build';

const ROWS = 1000;
/** Pixels scrolled per frame: about three rows, a brisk scroll. */
const SCROLL_STEP = 120;

async function firstRender(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __bench: { readyAt: number | null } }).__bench?.readyAt,
      null,
      {
        timeout: 60_000,
      },
    );
    return await page.evaluate(() => (window as unknown as { __bench: { readyAt: number } }).__bench.readyAt);
  } finally {
    await context.close();
  }
}

export const benchmark: Benchmark = {
  name: 'ui-render',
  needs: [],
  async run(ctx) {
    const dir = await buildInto({ bench: join(UI_ROOT, 'bench.html') });
    const server = await serveDir(dir);
    const browser = await launchChromium();
    try {
      const empty = `${server.url}/bench.html#/things`;
      const grid = `${server.url}/bench.html?rows=${ROWS}#/triage`;
      // One warm-up each (disk cache, compiled code), then alternate so drift hits both alike.
      await firstRender(browser, empty);
      await firstRender(browser, grid);
      const a: number[] = [];
      const b: number[] = [];
      const rounds = Math.max(3, ctx.rounds);
      for (let i = 0; i < rounds; i++) {
        if (i % 2 === 0) {
          a.push(await firstRender(browser, empty));
          b.push(await firstRender(browser, grid));
        } else {
          b.push(await firstRender(browser, grid));
          a.push(await firstRender(browser, empty));
        }
      }
      const baseline = median(a);
      const figure = median(b);
      const ratio = Math.round((figure / baseline) * 100) / 100;

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(grid);
      await page.waitForFunction(() => (window as unknown as { __bench: { readyAt: number | null } }).__bench?.readyAt);
      // Main-thread time the renderer spent (script, style, layout, paint), from Chromium's own metrics:
      // unlike frame times, it does not grow when other processes take the machine's cores.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        // ThreadTime: CPU time of the renderer's main thread (TaskDuration, wall time, where it is missing).
        const m = metrics.find((x) => x.name === 'ThreadTime') ?? metrics.find((x) => x.name === 'TaskDuration');
        return (m?.value ?? 0) * 1000;
      };
      const busyBefore = await busy();
      const frames = await page.evaluate(
        (step) => (window as unknown as { __bench: { scroll: (s: number) => Promise<number[]> } }).__bench.scroll(step),
        SCROLL_STEP,
      );
      const busyPerFrame = (await busy()) - busyBefore;
      const idle = await page.evaluate(
        (n) => (window as unknown as { __bench: { idle: (n: number) => Promise<number[]> } }).__bench.idle(n),
        frames.length,
      );
      await context.close();
      const p95 = Math.round(percentile(frames, 95) * 10) / 10;
      const idleP95 = Math.round(percentile(idle, 95) * 10) / 10;
      const results: BenchResult[] = [
        {
          name: `ui first render, grid of ${ROWS} rows`,
          figure: Math.round(figure),
          unit: 'ms',
          baseline: Math.round(baseline),
          baselineName: 'empty react-admin list',
          ratio,
          target: 'ratio ≤ 3',
          pass: ratio <= 3,
          notes: `median of ${rounds} rounds each, navigation to painted grid with all rows loaded`,
        },
        {
          name: `ui scroll through ${ROWS} rows, p95 frame time`,
          figure: p95,
          unit: 'ms',
          baseline: idleP95,
          baselineName: 'idle frames of the same page (no scrolling)',
          ratio: Math.round((p95 / idleP95) * 100) / 100,
          target: '≤ 32 ms',
          pass: p95 <= 32,
          notes: `${frames.length} frames, ${SCROLL_STEP} px a frame; median ${Math.round(median(frames) * 10) / 10} ms, max ${Math.round(Math.max(...frames))} ms; renderer main-thread work ${Math.round((busyPerFrame / frames.length) * 10) / 10} ms a frame (CPU time)`,
        },
      ];
      return results;
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
