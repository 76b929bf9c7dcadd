import type { PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drawPage, isCancelled, pageSize, type PdfDocument } from './pdf';

interface Props {
  document: PdfDocument;
  page: number;
  /** Device pixels per PDF point: the fitted size × zoom × the screen's pixel ratio. */
  scale: number;
  filter: string;
  onSize: (size: { w: number; h: number }) => void;
  onPainted?: (canvas: HTMLCanvasElement) => void;
}

/**
 * One page of a PDF on a canvas, redrawn at the zoom's resolution so text
 * stays sharp. Each draw goes to a canvas of its own and is copied over when
 * done, so zooming never flashes a blank page; a newer draw cancels an older.
 */
export function PdfPageCanvas({ document, page: pageNumber, scale, filter, onSize, onPainted }: Props) {
  const { t } = useTranslation();
  const shown = useRef<HTMLCanvasElement>(null);
  const [page, setPage] = useState<PDFPageProxy | null>(null);
  const [painted, setPainted] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const sizeListener = useRef(onSize);
  sizeListener.current = onSize;
  const paintListener = useRef(onPainted);
  paintListener.current = onPainted;

  useEffect(() => {
    let live = true;
    setFailed(false);
    document.getPage(pageNumber).then(
      (loaded) => {
        if (!live) return;
        setPage(loaded);
        sizeListener.current(pageSize(loaded));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [document, pageNumber]);

  useEffect(() => {
    if (!page || page.pageNumber !== pageNumber || scale <= 0) return;
    const offscreen = window.document.createElement('canvas');
    const task = drawPage(page, offscreen, scale);
    task.promise.then(
      () => {
        const target = shown.current;
        const context = target?.getContext('2d');
        if (!target || !context) return;
        target.width = offscreen.width;
        target.height = offscreen.height;
        context.drawImage(offscreen, 0, 0);
        setPainted(pageNumber);
        paintListener.current?.(target);
      },
      (error: unknown) => {
        if (!isCancelled(error)) setFailed(true);
      },
    );
    return () => task.cancel();
  }, [page, pageNumber, scale]);

  if (failed) return <p className="pdf-page-failed">{t('patientDocuments.pdf.pageFailed', { page: pageNumber })}</p>;
  // data-painted says which page the pixels are of (a test and the bench wait for it).
  return <canvas ref={shown} className="pdf-page" style={{ filter }} data-page={pageNumber} data-painted={painted ?? undefined} />;
}
