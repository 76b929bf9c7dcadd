/// <reference lib="dom" />
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { es } from 'date-fns/locale';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Calendar, dateFnsLocalizer } from 'react-big-calendar';
import { dayModel, i18nReady, InteractiveGrid } from 'schedule-ui';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import '../../src/renderer/styles.css';
import { BENCH_DATE, dayFixture } from './fixture';

const day = dayFixture();
const model = dayModel(day, 'es');
const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { es } });
const at = (local: string) => new Date(`${local}:00`);
const events = day.appointments.map((a) => ({ id: a.id, title: `${a.patientName} · ${a.typeName}`, start: at(a.startLocal), end: at(a.endLocal), resourceId: a.operatoryId }));
const resources = day.operatories.map((o) => ({ id: o.id, title: o.name }));
const stage = document.getElementById('stage')!;

const noop = () => undefined;
const ours = () =>
  createElement(InteractiveGrid, {
    label: 'bench',
    columns: model.columns,
    items: model.items,
    startMin: 480,
    endMin: 1200,
    step: 15,
    selectedId: null,
    reveal: null,
    initialMinute: 480,
    onSelect: noop,
    onBook: noop,
    onOpenActions: noop,
    onStatusKey: noop,
    onMove: noop,
    onResize: noop,
  });
const rbc = () =>
  createElement(Calendar, {
    localizer,
    events,
    resources,
    resourceIdAccessor: 'id',
    resourceTitleAccessor: 'title',
    defaultView: 'day',
    views: ['day'],
    defaultDate: at(`${BENCH_DATE}T08:00`),
    step: 15,
    timeslots: 4,
    min: at(`${BENCH_DATE}T08:00`),
    max: at(`${BENCH_DATE}T20:00`),
    toolbar: false,
    style: { height: 800 },
  } as never);

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Mounts one view synchronously, forces style and layout, waits for the next frame; returns ms. */
async function renderOnce(which: 'ours' | 'rbc'): Promise<number> {
  const host = document.createElement('div');
  host.style.cssText = 'width:1200px;height:800px;display:flex;flex-direction:column';
  stage.append(host);
  const root = createRoot(host);
  const t0 = performance.now();
  flushSync(() => root.render(which === 'ours' ? ours() : rbc()));
  void host.getBoundingClientRect();
  await frame();
  const ms = performance.now() - t0;
  root.unmount();
  host.remove();
  await frame();
  return ms;
}

/** Keydown (ArrowDown/ArrowRight) on the focused cell to the moved cursor laid out: `work`; and to the next frame: `frame`. */
async function keyboardMoves(n: number): Promise<{ work: number[]; frame: number[] }> {
  const host = document.createElement('div');
  host.style.cssText = 'width:1200px;height:800px;display:flex;flex-direction:column';
  stage.append(host);
  const root = createRoot(host);
  flushSync(() => root.render(ours()));
  await frame();
  host.querySelector<HTMLElement>('[data-cell="0:0"]')!.focus();
  const work: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = document.activeElement;
    const key = i % 40 < 20 ? (i % 10 === 9 ? 'ArrowRight' : 'ArrowDown') : i % 10 === 9 ? 'ArrowLeft' : 'ArrowUp';
    const t0 = performance.now();
    before!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    void host.getBoundingClientRect();
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    if (document.activeElement === before) throw new Error('the cursor did not move');
    work.push(t1 - t0);
    frames.push(t2 - t0);
  }
  root.unmount();
  host.remove();
  return { work, frame: frames };
}

await i18nReady;
Object.assign(window, { __bench: { renderOnce, keyboardMoves, appointments: day.appointments.length, chairs: day.operatories.length } });
document.title = 'ready';
