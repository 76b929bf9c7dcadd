import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

interface PanelFrameProps {
  title: string;
  description?: ReactNode;
  icon: IconName;
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * The chrome of a workspace panel: heading, one line of purpose, actions, and a
 * scrolling body. The heading takes focus when the panel is opened by keyboard.
 */
export function PanelFrame({ title, description, icon, actions, children }: PanelFrameProps) {
  return (
    <section className="panel" aria-label={title}>
      <header className="panel-header">
        <span className="panel-icon">
          <Icon name={icon} size={20} />
        </span>
        <div className="panel-heading">
          <h2 tabIndex={-1} className="panel-title">
            {title}
          </h2>
          {description ? <p className="panel-description">{description}</p> : null}
        </div>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** A titled block inside a panel body. */
export function Section({ title, description, children, className }: { title: string; description?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={['section', className ?? ''].filter(Boolean).join(' ')}>
      <div className="section-head">
        <h3 className="section-title">{title}</h3>
        {description ? <p className="section-description">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
