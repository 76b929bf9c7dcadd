import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../shared/contract/documents';
import { ANNOTATION_COLOURS, type AnnotationShape } from '../../shared/documents/annotations';
import { Button } from '../ui/Button';
import { PdfPageCanvas } from './PdfPageCanvas';
import type { PdfDocument } from './pdf';

/*
 * One image, or one page of a PDF, with its viewing controls: zoom, pan,
 * brightness, contrast and invert (CSS filters on the picture only, so
 * annotations keep their colour), and the annotations drawn as an SVG layer
 * over it in the picture's own coordinates. Keyboard: + and − zoom, the
 * arrows pan, 0 resets, I inverts; on a PDF, PageUp/PageDown change page and
 * W fits the page to the width.
 */

export type Tool = 'none' | 'arrow' | 'line' | 'text';
type Colour = (typeof ANNOTATION_COLOURS)[number];
const TOOLS: readonly Tool[] = ['none', 'arrow', 'line', 'text'];
const COLOUR_VALUES: Record<Colour, string> = { yellow: '#facc15', red: '#ef4444', cyan: '#22d3ee', white: '#ffffff' };
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
const PAN_STEP = 40;

interface Point {
  x: number;
  y: number;
}

/** A PDF shown a page at a time: the parent owns the page, so annotations follow it. */
export interface PdfPages {
  document: PdfDocument;
  page: number;
  onPage: (page: number) => void;
}

export interface ImagePaneProps {
  /** The image's blob: URL; ignored when `pdf` is given. */
  src?: string;
  pdf?: PdfPages;
  name: string;
  annotations: readonly Annotation[];
  /** Present when the user may annotate. */
  onAnnotate?: (shape: AnnotationShape) => void;
  /** Tells the parent once the image has painted (the bench and the thumbnail backfill listen). */
  onPainted?: (surface: HTMLImageElement | HTMLCanvasElement) => void;
  compact?: boolean;
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function ImagePane({ src, pdf, name, annotations, onAnnotate, onPainted, compact = false }: ImagePaneProps) {
  const { t } = useTranslation();
  const base = useId();
  const stage = useRef<HTMLDivElement>(null);
  const overlay = useRef<SVGSVGElement>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [box, setBox] = useState<{ w: number; h: number }>({ w: 0, h: 0 });
  const [zoomIndex, setZoomIndex] = useState(2);
  const [pan, setPan] = useState<Point>({ x: 0, y: 0 });
  const [brightness, setBrightness] = useState(100);
  const [contrast, setContrast] = useState(100);
  const [invert, setInvert] = useState(false);
  const [tool, setTool] = useState<Tool>('none');
  const [colour, setColour] = useState<Colour>('yellow');
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<{ from: Point; to: Point } | null>(null);
  const [fitWidth, setFitWidth] = useState(false);
  const pageCount = pdf?.document.numPages ?? 1;
  const drag = useRef<{ kind: 'pan' | 'draw'; start: Point; pan: Point; from?: Point } | null>(null);
  const zoom = ZOOMS[zoomIndex]!;

  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setBox({ w: entry.contentRect.width, h: entry.contentRect.height }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const reset = () => {
    setZoomIndex(2);
    setPan({ x: 0, y: 0 });
    setFitWidth(false);
    setBrightness(100);
    setContrast(100);
    setInvert(false);
  };
  const zoomBy = (step: number) => setZoomIndex((i) => Math.min(ZOOMS.length - 1, Math.max(0, i + step)));
  // A new page starts at its top, at the same zoom; pan is kept only within a page.
  const goToPage = (page: number) => {
    if (!pdf || page < 1 || page > pageCount || page === pdf.page) return;
    setPan({ x: 0, y: 0 });
    pdf.onPage(page);
  };
  const toggleFitWidth = () => {
    setFitWidth((v) => !v);
    setZoomIndex(2);
    setPan({ x: 0, y: 0 });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, Point> = { ArrowLeft: { x: PAN_STEP, y: 0 }, ArrowRight: { x: -PAN_STEP, y: 0 }, ArrowUp: { x: 0, y: PAN_STEP }, ArrowDown: { x: 0, y: -PAN_STEP } };
    const move = moves[event.key];
    if (move) setPan((p) => ({ x: p.x + move.x, y: p.y + move.y }));
    else if (event.key === '+' || event.key === '=') zoomBy(1);
    else if (event.key === '-' || event.key === '−' || event.key === '_') zoomBy(-1);
    else if (event.key === '0') reset();
    else if (event.key === 'i' || event.key === 'I') setInvert((v) => !v);
    else if (pdf && event.key === 'PageDown') goToPage(pdf.page + 1);
    else if (pdf && event.key === 'PageUp') goToPage(pdf.page - 1);
    else if (pdf && event.key === 'Home') goToPage(1);
    else if (pdf && event.key === 'End') goToPage(pageCount);
    else if (pdf && (event.key === 'w' || event.key === 'W')) toggleFitWidth();
    else return;
    event.preventDefault();
  };

  // The picture fitted in the stage at zoom 1, keeping its aspect ratio: whole, or (a PDF page) to the stage's width.
  const fit = natural && box.w > 0 && box.h > 0 ? (fitWidth ? box.w / natural.w : Math.min(box.w / natural.w, box.h / natural.h)) : 0;
  const width = natural ? natural.w * fit : 0;
  const height = natural ? natural.h * fit : 0;
  // Centred in the stage, a page taller than it would start mid-way: fitted to the width, its top shows first.
  const topFirst = fitWidth && height * zoom > box.h ? (height * zoom - box.h) / 2 : 0;
  const filter = `brightness(${brightness}%) contrast(${contrast}%)${invert ? ' invert(1)' : ''}`;

  const toImage = (event: PointerEvent): Point | null => {
    const rect = overlay.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return null;
    return { x: clamp01((event.clientX - rect.left) / rect.width), y: clamp01((event.clientY - rect.top) / rect.height) };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const at = toImage(event);
    if (onAnnotate && at && tool === 'text') {
      if (text.trim()) onAnnotate({ kind: 'text', at, text: text.trim(), colour });
      return;
    }
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    if (onAnnotate && at && (tool === 'arrow' || tool === 'line')) {
      drag.current = { kind: 'draw', start: { x: event.clientX, y: event.clientY }, pan, from: at };
      setDraft({ from: at, to: at });
    } else drag.current = { kind: 'pan', start: { x: event.clientX, y: event.clientY }, pan };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    if (current.kind === 'pan') setPan({ x: current.pan.x + event.clientX - current.start.x, y: current.pan.y + event.clientY - current.start.y });
    else {
      const at = toImage(event);
      if (at && current.from) setDraft({ from: current.from, to: at });
    }
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    drag.current = null;
    if (current?.kind !== 'draw' || !current.from || !onAnnotate) return;
    const to = toImage(event) ?? current.from;
    setDraft(null);
    if (Math.hypot(to.x - current.from.x, to.y - current.from.y) > 0.01 && (tool === 'arrow' || tool === 'line')) onAnnotate({ kind: tool, from: current.from, to, colour });
  };

  const addAtCentre = () => {
    if (!onAnnotate) return;
    if (tool === 'text' || (tool === 'none' && text.trim())) {
      if (text.trim()) onAnnotate({ kind: 'text', at: { x: 0.5, y: 0.5 }, text: text.trim(), colour });
    } else onAnnotate({ kind: tool === 'line' ? 'line' : 'arrow', from: { x: 0.35, y: 0.35 }, to: { x: 0.5, y: 0.5 }, colour });
  };

  const helpId = `${base}-help`;
  const markerId = (c: Colour) => `${base}-arrow-${c}`.replace(/:/g, '');
  const w = natural?.w ?? 1;
  const h = natural?.h ?? 1;
  const shapes = draft ? [...annotations.map((a) => a.shape), { kind: tool === 'line' ? 'line' : 'arrow', ...draft, colour } as AnnotationShape] : annotations.map((a) => a.shape);

  return (
    <div className={`image-pane${compact ? ' image-pane-compact' : ''}`}>
      {pdf ? (
        <div
          className="image-toolbar pdf-pages"
          role="toolbar"
          aria-label={t('patientDocuments.pdf.pages')}
          aria-controls={`${base}-stage`}
          // PageUp/PageDown work from the page buttons too, not only on the page.
          onKeyDown={(event) => {
            if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
            goToPage(pdf.page + (event.key === 'PageDown' ? 1 : -1));
            event.preventDefault();
          }}
        >
          <Button size="sm" onClick={() => goToPage(pdf.page - 1)} aria-disabled={pdf.page <= 1 || undefined} aria-keyshortcuts="PageUp">
            {t('patientDocuments.pdf.previous')}
          </Button>
          <span className="pdf-page-of" aria-live="polite">
            {t('patientDocuments.pdf.pageOf', { page: pdf.page, pages: pageCount })}
          </span>
          <Button size="sm" onClick={() => goToPage(pdf.page + 1)} aria-disabled={pdf.page >= pageCount || undefined} aria-keyshortcuts="PageDown">
            {t('patientDocuments.pdf.next')}
          </Button>
          <Button size="sm" onClick={toggleFitWidth} aria-pressed={fitWidth} aria-keyshortcuts="W">
            {t('patientDocuments.pdf.fitWidth')}
          </Button>
        </div>
      ) : null}
      <div className="image-toolbar" role="toolbar" aria-label={t('patientDocuments.tools')} aria-controls={`${base}-stage`}>
        <Button size="sm" onClick={() => zoomBy(1)} aria-keyshortcuts="+">
          {t('patientDocuments.zoomIn')}
        </Button>
        <Button size="sm" onClick={() => zoomBy(-1)} aria-keyshortcuts="-">
          {t('patientDocuments.zoomOut')}
        </Button>
        <Button size="sm" onClick={reset} aria-keyshortcuts="0">
          {t('patientDocuments.reset')}
        </Button>
        <Button size="sm" onClick={() => setInvert((v) => !v)} aria-pressed={invert} aria-keyshortcuts="I">
          {t('patientDocuments.invert')}
        </Button>
        <span className="muted image-zoom" aria-live="polite">
          {t('patientDocuments.zoomLevel', { percent: Math.round(zoom * 100) })}
        </span>
        <label className="field-inline image-slider">
          <span>{t('patientDocuments.brightness')}</span>
          <input type="range" min={30} max={250} step={5} value={brightness} onChange={(e) => setBrightness(Number(e.target.value))} />
        </label>
        <label className="field-inline image-slider">
          <span>{t('patientDocuments.contrast')}</span>
          <input type="range" min={30} max={300} step={5} value={contrast} onChange={(e) => setContrast(Number(e.target.value))} />
        </label>
      </div>
      {onAnnotate ? (
        <div className="image-toolbar image-annotate">
          <label className="field-inline">
            <span>{t('patientDocuments.tool')}</span>
            <select value={tool} onChange={(e) => setTool(e.target.value as Tool)}>
              {TOOLS.map((item) => (
                <option key={item} value={item}>
                  {t(`patientDocuments.toolNames.${item}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('patientDocuments.colour')}</span>
            <select value={colour} onChange={(e) => setColour(e.target.value as Colour)}>
              {ANNOTATION_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(`patientDocuments.colours.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('patientDocuments.annotationText')}</span>
            <input value={text} maxLength={200} size={18} onChange={(e) => setText(e.target.value)} />
          </label>
          <Button size="sm" onClick={addAtCentre} disabled={tool === 'text' && !text.trim()}>
            {t('patientDocuments.addAtCentre')}
          </Button>
        </div>
      ) : null}
      <div
        id={`${base}-stage`}
        ref={stage}
        className={`image-stage tool-${tool}`}
        role="application"
        tabIndex={0}
        aria-label={pdf ? t('patientDocuments.pdf.stage', { name, page: pdf.page, pages: pageCount }) : t('patientDocuments.image', { name })}
        aria-describedby={onAnnotate ? helpId : undefined}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setDraft(null);
        }}
      >
        <div className="image-frame" style={{ width, height, transform: `translate(${pan.x}px, ${pan.y + topFirst}px) scale(${zoom})` }}>
          {pdf ? (
            <PdfPageCanvas document={pdf.document} page={pdf.page} scale={fit * zoom * (window.devicePixelRatio || 1)} filter={filter} onSize={setNatural} onPainted={onPainted} />
          ) : (
            <img
              src={src}
              alt=""
              draggable={false}
              style={{ filter }}
              onLoad={(e) => {
                const image = e.currentTarget;
                setNatural({ w: image.naturalWidth, h: image.naturalHeight });
                onPainted?.(image);
              }}
            />
          )}
          <svg ref={overlay} className="image-overlay" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={t('patientDocuments.overlay')}>
            <defs>
              {ANNOTATION_COLOURS.map((c) => (
                <marker key={c} id={markerId(c)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill={COLOUR_VALUES[c]} />
                </marker>
              ))}
            </defs>
            {shapes.map((shape, index) =>
              shape.kind === 'text' ? (
                <text key={index} x={shape.at.x * w} y={shape.at.y * h} fill={COLOUR_VALUES[shape.colour]} fontSize={Math.max(w, h) * 0.035} stroke="#000" strokeWidth={Math.max(w, h) * 0.002} paintOrder="stroke" textAnchor="middle">
                  {shape.text}
                </text>
              ) : (
                <line
                  key={index}
                  x1={shape.from.x * w}
                  y1={shape.from.y * h}
                  x2={shape.to.x * w}
                  y2={shape.to.y * h}
                  stroke={COLOUR_VALUES[shape.colour]}
                  strokeWidth={3}
                  vectorEffect="non-scaling-stroke"
                  markerEnd={shape.kind === 'arrow' ? `url(#${markerId(shape.colour)})` : undefined}
                  data-kind={shape.kind}
                />
              ),
            )}
          </svg>
        </div>
      </div>
      {onAnnotate ? (
        <p id={helpId} className="muted image-help">
          {t('patientDocuments.drawHint')}
        </p>
      ) : null}
    </div>
  );
}
