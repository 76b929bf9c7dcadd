import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';

export interface SignaturePadHandle {
  /** The drawing as PNG base64 (no data: prefix), or null when nothing was drawn. */
  png(): string | null;
}

const WIDTH = 480;
const HEIGHT = 160;

/**
 * A pad the patient signs with a finger, pen or mouse (pointer events, so all
 * three work the same). It has no keyboard path of its own: the consent form
 * offers typing the name instead, which is the keyboard alternative.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { onChange: (signed: boolean) => void }>(function SignaturePad({ onChange }, ref) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);

  const clear = () => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    setSigned(false);
    onChange(false);
  };
  useEffect(clear, []);

  useImperativeHandle(ref, () => ({ png: () => (signed && canvas.current ? canvas.current.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') : null) }), [signed]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * WIDTH) / rect.width, y: ((e.clientY - rect.top) * HEIGHT) / rect.height };
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={t('consent.pad')}
        className="signature-canvas"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext('2d')!;
          const p = point(e);
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d')!;
          const p = point(e);
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#111827';
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
          if (!signed) {
            setSigned(true);
            onChange(true);
          }
        }}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
      <p role="status" className="muted">
        {signed ? t('consent.padSigned') : t('consent.padEmpty')}
      </p>
      <Button size="sm" variant="ghost" icon="close" onClick={clear}>
        {t('consent.clear')}
      </Button>
    </div>
  );
});
