import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM, launchBrowser } from '../../e2e/support/app';
import { type BenchSuite, info, summarize } from '../harness';

const CONFIG = fileURLToPath(new URL('./chairside.vite.config.ts', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const PD_SITES = 192;

interface ChairsideWindow {
  __chairside: {
    chartStart(): void;
    chartArrow(): string;
    chartClickPoint(): { x: number; y: number };
    chartState(): { focus: string | null; surfaces: string; repaints: { work: number; frame: number; ok: boolean }[] };
    perioFocus(): void;
    perioCells(): Record<string, string>;
    perKey(): number[];
  };
}

/**
 * The chairside screens in Chromium, on the real Odontogram and PerioGrid
 * components with fixture data (built by chairside.vite.config.ts):
 * - chart.repaint_tooth: keydown (arrow or surface letter) or a click on a
 *   tooth, to the next animation frame after the tooth repainted;
 * - perio.type_192_depths: 192 probing depths typed by page.keyboard as fast
 *   as it sends them, time per keystroke (keydown to the grid's commit), and
 *   every value checked on its site afterwards ("lost" counts the misses).
 */
export const chairsideRenderSuite: BenchSuite = {
  area: 'chairside-render',
  benches: ['chart.repaint_tooth', 'perio.type_192_depths'],
  async run(ctx) {
    if (!CHROMIUM.found) return info(`chairside-render: skipped. ${CHROMIUM.message}`);
    const out = mkdtempSync(join(tmpdir(), 'dental-chairside-bench-'));
    const server = createServer((req, res) => {
      const path = normalize(join(out, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
      const file = path.endsWith('/') ? join(path, 'chairside-page.html') : path;
      if (!file.startsWith(out) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    try {
      process.env.CHAIRSIDE_BENCH_OUT = out;
      info('chairside-render: building the bench page');
      await build({ configFile: CONFIG, logLevel: 'warn' });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chairside-page.html`;
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        page.on('pageerror', (error) => info(`chairside-render: page error ${error.message}`));
        await page.goto(url);
        await page.waitForFunction(() => document.title === 'ready');

        if (ctx.wants('chart.repaint_tooth')) {
          await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.chartStart());
          await page.keyboard.press('ArrowRight');
          const kinds = { arrow: 0, surface: 0, click: 0 };
          const WARM = 15;
          const N = 90;
          for (let i = 0; i < WARM + N; i++) {
            const kind = i % 3 === 0 ? 'arrow' : i % 3 === 1 ? 'surface' : 'click';
            if (i >= WARM) kinds[kind]++;
            if (kind === 'arrow') await page.keyboard.press(await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.chartArrow()));
            else if (kind === 'surface') await page.keyboard.press(Math.floor(i / 3) % 2 === 0 ? 'm' : 'd');
            else {
              const at = await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.chartClickPoint());
              await page.mouse.click(at.x, at.y);
            }
            await page.waitForFunction((k) => (window as unknown as ChairsideWindow).__chairside.chartState().repaints.length >= k, i + 2);
          }
          const all = (await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.chartState())).repaints.slice(1);
          const measured = all.slice(WARM);
          const wrong = all.filter((r) => !r.ok).length;
          if (wrong > 0) process.stderr.write(`[bench] WARNING chart.repaint_tooth: ${wrong} repaints did not draw the focused tooth\n`);
          const work = summarize('chart.repaint_tooth_work', measured.map((r) => r.work));
          info(`chairside-render: ${JSON.stringify(kinds)}; input to the repainted tooth laid out (before the frame): p50 ${work.p50_ms} ms, p95 ${work.p95_ms} ms`);
          ctx.emit(summarize('chart.repaint_tooth', measured.map((r) => r.frame)));
        }

        if (ctx.wants('perio.type_192_depths')) {
          const depths = Array.from({ length: PD_SITES }, (_, i) => String(((i * 7 + 3) % 9) + 1));
          await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.perioFocus());
          const started = performance.now();
          await page.keyboard.type(depths.join(''));
          const wall = performance.now() - started;
          const perKey = await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.perKey());
          const cells = await page.evaluate(() => (window as unknown as ChairsideWindow).__chairside.perioCells());
          // Where each value must land: the entry order, computed in node from the same shared model the grid uses.
          const { startEntry } = await import('../../src/shared/perio/entry');
          const { createExam } = await import('../../src/shared/perio/exam');
          const stops = startEntry(createExam({ id: 'bench', date: '2026-11-21' })).stops.filter((s) => s.row === 'pd');
          let lost = 0;
          stops.slice(0, PD_SITES).forEach((stop, i) => {
            if (cells[`${stop.tooth}|${stop.site}`] !== depths[i]) lost++;
          });
          if (perKey.length !== PD_SITES) info(`chairside-render: ${perKey.length} commits for ${PD_SITES} keystrokes`);
          info(`chairside-render: ${PD_SITES} keystrokes in ${wall.toFixed(0)} ms wall (${(wall / PD_SITES).toFixed(2)} ms each as page.keyboard sends them, round trips included)`);
          if (lost > 0) process.stderr.write(`[bench] WARNING perio.type_192_depths: ${lost} of ${PD_SITES} values did not land on their site\n`);
          ctx.emit({ ...summarize('perio.type_192_depths', perKey), lost } as ReturnType<typeof summarize>);
        }
      } finally {
        await browser.close();
      }
    } finally {
      server.close();
      rmSync(out, { recursive: true, force: true });
    }
  },
};
