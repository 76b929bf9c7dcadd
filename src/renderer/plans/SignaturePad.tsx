import { useEffect, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';

/**
 * A canvas the patient signs on with a mouse, pen or finger (pointer events).
 * It hands back the drawing as a PNG data URL, or null while empty. The
 * keyboard alternative (typing the name) is offered beside it by the form.
 */
export function SignaturePad({ onChange }: { onChange: (png: string | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
  }, []);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const rect = c.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * c.width, y: ((event.clientY - rect.top) / rect.height) * c.height };
  };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    canvas.current!.setPointerCapture(event.pointerId);
    drawing.current = true;
    const p = point(event);
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const p = point(event);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setSigned(true);
    onChange(canvas.current!.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    setSigned(false);
    onChange(null);
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={480}
        height={160}
        role="img"
        aria-label={`${t('plans.pad.label')}: ${signed ? t('plans.pad.signed') : t('plans.pad.empty')}`}
        className="signature-canvas"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <Button size="sm" variant="ghost" onClick={clear}>
        {t('plans.pad.clear')}
      </Button>
    </div>
  );
}
