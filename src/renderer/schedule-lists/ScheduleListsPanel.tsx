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
import { type RecallBooking, RecallList } from '../recall/RecallList';

type Tab = 'tomorrow' | 'openings' | 'waitlist' | 'unscheduled' | 'treatment' | 'recall' | 'exports';
const TABS: readonly Tab[] = ['tomorrow', 'openings', 'waitlist', 'unscheduled', 'treatment', 'recall', 'exports'];

/** The front desk's lists: who to confirm tomorrow, find next opening, ASAP, to rebook, recalls due, and exports. */
export function ScheduleListsPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('tomorrow');
  const [rebook, setRebook] = useState<UnscheduledItem | null>(null);
  const [recallBooking, setRecallBooking] = useState<RecallBooking | null>(null);

  return (
    <PanelFrame title={t('panels.scheduleLists.title')} icon="chat" description={t('panels.scheduleLists.description')}>
      <div className="sl-panel">
      <Tabs label={t('scheduleLists.tabsLabel')} tabs={TABS.map((id) => ({ id, label: id === 'treatment' ? t('plans.unscheduled.tab') : id === 'recall' ? t('recall.tab') : t(`scheduleLists.tabs.${id}`) }))} active={tab} onChange={(next) => {
          if (next !== 'openings') {
            setRebook(null);
            setRecallBooking(null);
          }
          setTab(next);
        }}>
        {tab === 'tomorrow' ? <TomorrowList /> : null}
        {tab === 'openings' ? (
          <FindOpenings
            key={rebook?.appointment.id ?? (recallBooking ? `recall-${recallBooking.patient.id}` : 'new')}
            rebook={
              rebook
                ? {
                    appointmentId: rebook.appointment.id,
                    patient: { id: rebook.appointment.patientId, name: rebook.appointment.patientName },
                    providerId: rebook.appointment.providerId,
                    durationMin: rebook.appointment.durationMin,
                  }
                : recallBooking
                  ? { patient: recallBooking.patient, providerId: recallBooking.providerId ?? '', durationMin: 30 }
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
        {tab === 'recall' ? (
          <RecallList
            onBook={(booking) => {
              // The existing booking flow: find the next opening for this patient, with the provider who saw them.
              setRecallBooking(booking);
              setTab('openings');
            }}
          />
        ) : null}
        {tab === 'exports' ? <Exports /> : null}
      </Tabs>
      </div>
    </PanelFrame>
  );
}
