import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/contract';
import { useAppStatus } from '../app/status';
import { PanelFrame } from '../ui/PanelFrame';
import { ErrorNotice } from '../ui/QueryState';
import { Tabs } from '../ui/Tabs';
import { useFirstStepsNavigation } from './first-steps';
import { OperatoriesSection, ProvidersSection, TypesSection } from './ResourcesSections';
import { SettingsSection, TemplatesSection } from './SettingsSections';
import { BlockoutsSection, ExceptionsSection, HolidaysSection, HoursSection } from './TimeSections';

type Tab = 'settings' | 'operatories' | 'providers' | 'hours' | 'exceptions' | 'holidays' | 'blockouts' | 'types' | 'templates';
const TABS: readonly Tab[] = ['settings', 'operatories', 'providers', 'hours', 'exceptions', 'holidays', 'blockouts', 'types', 'templates'];

/** Frames to wait for a step's control, which may wait for its data, before settling on its tab. */
const FOCUS_FRAMES = 120;

/** Everything the schedule needs set up: chairs, providers and their hours, holidays, blockouts, types, settings and reminder templates. */
export function ScheduleSetupPanel() {
  const { t } = useTranslation();
  const status = useAppStatus();
  const nav = useFirstStepsNavigation();
  const request = nav?.request ?? null;
  // Opened on the step the schedule's checklist asked for, if any.
  const [tab, setTab] = useState<Tab>(() => request?.step ?? 'settings');
  const [seen, setSeen] = useState(request?.n ?? 0);
  if (request && request.n !== seen) {
    setSeen(request.n);
    setTab(request.step);
  }
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!request) return;
    let frames = 0;
    let frame = 0;
    const focusStep = () => {
      const target = bodyRef.current?.querySelector<HTMLElement>(`[data-step-start="${request.step}"]`);
      if (target) target.focus();
      else if (frames++ < FOCUS_FRAMES) frame = window.requestAnimationFrame(focusStep);
      else bodyRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    };
    focusStep();
    return () => window.cancelAnimationFrame(frame);
  }, [request?.n]);

  const frame = (children: React.ReactNode) => (
    <PanelFrame title={t('panels.scheduleSetup.title')} icon="calendar" description={t('panels.scheduleSetup.description')}>
      {children}
    </PanelFrame>
  );
  if (!status.session?.permissions.includes('settings.manage')) {
    return frame(<ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'settings.manage' } })} />);
  }
  return frame(
    <div className="sl-panel" ref={bodyRef}>
      <Tabs label={t('scheduleAdmin.tabsLabel')} tabs={TABS.map((id) => ({ id, label: t(`scheduleAdmin.tabs.${id}`) }))} active={tab} onChange={setTab}>
      {tab === 'settings' ? <SettingsSection /> : null}
      {tab === 'operatories' ? <OperatoriesSection /> : null}
      {tab === 'providers' ? <ProvidersSection /> : null}
      {tab === 'hours' ? <HoursSection /> : null}
      {tab === 'exceptions' ? <ExceptionsSection /> : null}
      {tab === 'holidays' ? <HolidaysSection /> : null}
      {tab === 'blockouts' ? <BlockoutsSection /> : null}
      {tab === 'types' ? <TypesSection /> : null}
      {tab === 'templates' ? <TemplatesSection /> : null}
    </Tabs>
      </div>,
  );
}
