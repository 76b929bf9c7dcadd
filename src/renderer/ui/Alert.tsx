import type { ReactNode } from 'react';
import { Icon } from './Icon';

type Tone = 'error' | 'success' | 'warning' | 'info';

const ICON = { error: 'alert', success: 'check', warning: 'alert', info: 'info' } as const;

/**
 * A message block. Errors use role="alert" so they are announced at once;
 * confirmations use role="status", which waits for the reader to finish.
 */
export function Alert({ tone, children, title, id }: { tone: Tone; children?: ReactNode; title?: ReactNode; id?: string }) {
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={`alert alert-${tone}`}>
      <Icon name={ICON[tone]} size={18} className="alert-icon" />
      <div className="alert-body">
        {title ? <p className="alert-title">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
