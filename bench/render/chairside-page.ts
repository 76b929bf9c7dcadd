/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { BenchOdontogram, BenchPerio, i18nReady } from 'chairside-ui';
import '../../src/renderer/styles.css';


/*
 * The odontogram. A capture listener notes when a key or mouse press reaches
 * the chart; the component's commit (a layout effect) notes the repainted
 * tooth laid out (`work`) and the next animation frame after it (`frame`).
 * The input itself comes from page.keyboard and page.mouse (real input), so
 * it lands anywhere within a frame, as a dentist's key would.
 */
let chartFocus: string | null = null;
let chartSurfaces = '';
let inputAt = 0;
const repaints: { work: number; frame: number; ok: boolean }[] = [];
const chartHost = document.getElementById('chart')!;
for (const type of ['keydown', 'mousedown']) {
  document.addEventListener(
    type,
    (event) => {
      if (chartHost.contains(event.target as Node)) inputAt = performance.now();
    },
    { capture: true },
  );
}
flushSync(() =>
  createRoot(chartHost).render(
    createElement(BenchOdontogram, {
      onCommit: (focus: string | null, surfaces: string) => {
        chartFocus = focus;
        chartSurfaces = surfaces;
        if (!inputAt) return;
        const start = inputAt;
        inputAt = 0;
        const tooth = chartHost.querySelector<SVGGElement>('g.tooth-focused');
        void tooth?.getBoundingClientRect();
        const work = performance.now() - start;
        requestAnimationFrame(() => repaints.push({ work, frame: performance.now() - start, ok: tooth?.dataset.tooth === focus }));
      },
    }),
  ),
);

function chartGlyphs(): SVGGElement[] {
  return [...chartHost.querySelectorAll<SVGGElement>('g.tooth[data-tooth]')];
}

/** Focuses the chart and puts the focus on its first tooth. */
function chartStart(): void {
  chartHost.querySelector<HTMLElement>('[role="application"]')!.focus();
}

/** The arrow toward the middle of the focused tooth's row, so it always moves. */
function chartArrow(): string {
  const at = chartGlyphs().findIndex((g) => g.dataset.tooth === chartFocus);
  return at % 16 < 8 ? 'ArrowRight' : 'ArrowLeft';
}

/** Where to click: the crown of the tooth two to the right of the focus. */
function chartClickPoint(): { x: number; y: number } {
  const glyphs = chartGlyphs();
  const at = glyphs.findIndex((g) => g.dataset.tooth === chartFocus);
  const box = glyphs[(at + 2) % glyphs.length]!.getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function chartState(): { focus: string | null; surfaces: string; repaints: { work: number; frame: number; ok: boolean }[] } {
  return { focus: chartFocus, surfaces: chartSurfaces, repaints: [...repaints] };
}

/* The perio grid: each commit reports the cursor; keydown → commit is one keystroke's work. */
let keyStart = 0;
const perKey: number[] = [];
const perioHost = document.getElementById('perio')!;
perioHost.addEventListener(
  'keydown',
  () => {
    keyStart = performance.now();
  },
  { capture: true },
);
flushSync(() =>
  createRoot(perioHost).render(
    createElement(BenchPerio, {
      onCommit: () => {
        if (keyStart) perKey.push(performance.now() - keyStart);
        keyStart = 0;
      },
    }),
  ),
);

function perioFocus(): void {
  perioHost.querySelector<HTMLElement>('[role="application"]')!.focus();
  perKey.length = 0;
}

/** Every PD cell's value, by tooth and site, read from the DOM. */
function perioCells(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of perioHost.querySelectorAll<HTMLElement>('.perio-row-pd[data-tooth]')) {
    for (const cell of row.querySelectorAll<HTMLElement>('[data-site]')) out[`${row.dataset.tooth}|${cell.dataset.site}`] = cell.textContent ?? '';
  }
  return out;
}

await i18nReady;
Object.assign(window, { __chairside: { chartStart, chartArrow, chartClickPoint, chartState, perioFocus, perioCells, perKey: () => [...perKey] } });
document.title = 'ready';
