import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/contract';
import { useAppStatus } from '../app/status';
import { PanelFrame } from '../ui/PanelFrame';
import { ErrorNotice } from '../ui/QueryState';
import { Tabs } from '../ui/Tabs';
import { OperatoriesSection, ProvidersSection, TypesSection } from './ResourcesSections';
import { SettingsSection, TemplatesSection } from './SettingsSections';
import { BlockoutsSection, ExceptionsSection, HolidaysSection, HoursSection } from './TimeSections';

type Tab = 'settings' | 'operatories' | 'providers' | 'hours' | 'exceptions' | 'holidays' | 'blockouts' | 'types' | 'templates';
const TABS: readonly Tab[] = ['settings', 'operatories', 'providers', 'hours', 'exceptions', 'holidays', 'blockouts', 'types', 'templates'];

/** Everything the schedule needs set up: chairs, providers and their hours, holidays, blockouts, types, settings and reminder templates. */
export function ScheduleSetupPanel() {
  const { t } = useTranslation();
  const status = useAppStatus();
  const [tab, setTab] = useState<Tab>('settings');
  const frame = (children: React.ReactNode) => (
    <PanelFrame title={t('panels.scheduleSetup.title')} icon="calendar" description={t('panels.scheduleSetup.description')}>
      {children}
    </PanelFrame>
  );
  if (!status.session?.permissions.includes('settings.manage')) {
    return frame(<ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'settings.manage' } })} />);
  }
  return frame(
    <div className="sl-panel">
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
