import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PanelFrame } from '../ui/PanelFrame';
import { Tabs } from '../ui/Tabs';
import { Exports } from './Exports';
import { FindOpenings } from './FindOpenings';
import { TomorrowList } from './TomorrowList';
import { UnscheduledList } from './UnscheduledList';
import type { UnscheduledItem } from './UnscheduledList';
import { Waitlist } from './Waitlist';
import { PlanUnscheduledList } from '../plans/PlanUnscheduledList';

type Tab = 'tomorrow' | 'openings' | 'waitlist' | 'unscheduled' | 'treatment' | 'exports';
const TABS: readonly Tab[] = ['tomorrow', 'openings', 'waitlist', 'unscheduled', 'treatment', 'exports'];

/** The front desk's lists: who to confirm tomorrow, find next opening, ASAP, to rebook, and exports. */
export function ScheduleListsPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('tomorrow');
  const [rebook, setRebook] = useState<UnscheduledItem | null>(null);

  return (
    <PanelFrame title={t('panels.scheduleLists.title')} icon="chat" description={t('panels.scheduleLists.description')}>
      <div className="sl-panel">
      <Tabs label={t('scheduleLists.tabsLabel')} tabs={TABS.map((id) => ({ id, label: id === 'treatment' ? t('plans.unscheduled.tab') : t(`scheduleLists.tabs.${id}`) }))} active={tab} onChange={(next) => {
          if (next !== 'openings') setRebook(null);
          setTab(next);
        }}>
        {tab === 'tomorrow' ? <TomorrowList /> : null}
        {tab === 'openings' ? (
          <FindOpenings
            key={rebook?.appointment.id ?? 'new'}
            rebook={
              rebook
                ? {
                    appointmentId: rebook.appointment.id,
                    patient: { id: rebook.appointment.patientId, name: rebook.appointment.patientName },
                    providerId: rebook.appointment.providerId,
                    durationMin: rebook.appointment.durationMin,
                  }
                : null
            }
          />
        ) : null}
        {tab === 'waitlist' ? <Waitlist /> : null}
        {tab === 'unscheduled' ? (
          <UnscheduledList
            onRebook={(item) => {
              setRebook(item);
              setTab('openings');
            }}
          />
        ) : null}
        {tab === 'treatment' ? <PlanUnscheduledList /> : null}
        {tab === 'exports' ? <Exports /> : null}
      </Tabs>
      </div>
    </PanelFrame>
  );
}
