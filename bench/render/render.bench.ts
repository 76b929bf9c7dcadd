import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM, launchBrowser } from '../../e2e/support/app';
import { type BenchSuite, info, median, summarize, writeResult } from '../harness';

const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

interface BenchWindow {
  __bench: {
    renderOnce(which: 'ours' | 'rbc'): Promise<number>;
    keyboardMoves(n: number): Promise<{ work: number[]; frame: number[] }>;
    appointments: number;
    chairs: number;
  };
}

/**
 * Rendering the day view in Chromium: our grid against react-big-calendar's
 * day view with resources, same 8 chairs and ~300 appointments, same page,
 * alternating; and the response to a keyboard move of the cursor.
 */
export const renderSuite: BenchSuite = {
  area: 'render',
  benches: ['schedule.render_day_ours', 'schedule.render_day_rbc', 'schedule.keyboard_move_selection'],
  async run(ctx) {
    if (!CHROMIUM.found) return info(`render: skipped. ${CHROMIUM.message}`);
    const out = mkdtempSync(join(tmpdir(), 'dental-render-bench-'));
    const server = createServer((req, res) => {
      const path = normalize(join(out, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
      const file = path.endsWith('/') ? join(path, 'page.html') : path;
      if (!file.startsWith(out) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    try {
      process.env.RENDER_BENCH_OUT = out;
      info('render: building the bench page');
      await build({ configFile: CONFIG, logLevel: 'warn' });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page.html`;
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        page.on('pageerror', (error) => info(`render: page error ${error.message}`));
        await page.goto(url);
        await page.waitForFunction(() => document.title === 'ready');
        const shape = await page.evaluate(() => ({ a: (window as unknown as BenchWindow).__bench.appointments, c: (window as unknown as BenchWindow).__bench.chairs }));
        info(`render: ${shape.c} chairs, ${shape.a} appointments`);
        const renderOnce = (which: 'ours' | 'rbc') => page.evaluate((w) => (window as unknown as BenchWindow).__bench.renderOnce(w), which);
        // Warm-up (JIT, fonts, style sheets), then alternate.
        for (let i = 0; i < 3; i++) {
          await renderOnce('ours');
          await renderOnce('rbc');
        }
        const ours: number[] = [];
        const rbc: number[] = [];
        for (let i = 0; i < 15; i++) {
          ours.push(await renderOnce('ours'));
          rbc.push(await renderOnce('rbc'));
        }
        const ratio = median(rbc) / median(ours);
        ctx.emit(summarize('schedule.render_day_ours', ours, ratio));
        ctx.emit(summarize('schedule.render_day_rbc', rbc, ratio));
        const moves = await page.evaluate((n) => (window as unknown as BenchWindow).__bench.keyboardMoves(n), 60);
        // Part of this suite: printed whenever the suite runs (`--only render` included).
        writeResult(summarize('schedule.keyboard_move_selection', moves.work));
        const framed = summarize('schedule.keyboard_move_selection_to_frame', moves.frame);
        info(`render: keydown to the next animation frame (includes waiting for vsync): p50 ${framed.p50_ms} ms, p95 ${framed.p95_ms} ms`);
      } finally {
        await browser.close();
      }
    } finally {
      server.close();
      rmSync(out, { recursive: true, force: true });
    }
  },
};
