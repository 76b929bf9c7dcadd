import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatementsTab } from '../statements/StatementsTab';
import { PanelFrame } from '../ui/PanelFrame';
import { Tabs } from '../ui/Tabs';
import { AgingReport } from './AgingReport';
import { DaySheetReport } from './DaySheetReport';
import { PlansReport } from './PlansReport';
import { ProductionReport } from './ProductionReport';
import { usePermission } from './report-common';

type Tab = 'daySheet' | 'production' | 'aging' | 'plans' | 'statements';

/** The manager's panel: the practice's money reports, and account statements. */
export function ReportsPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('daySheet');
  // Statements are billing work; a role granted reports alone sees the reports.
  const tabs: Tab[] = ['daySheet', 'production', 'aging', 'plans', ...(usePermission('billing.read') ? (['statements'] as const) : [])];
  return (
    <PanelFrame title={t('panels.reports.title')} icon="barChart" description={t('panels.reports.description')}>
      <div className="reports-panel">
        <Tabs label={t('reports.tabsLabel')} tabs={tabs.map((id) => ({ id, label: t(`reports.tabs.${id}`) }))} active={tab} onChange={setTab}>
          {tab === 'daySheet' ? <DaySheetReport /> : null}
          {tab === 'production' ? <ProductionReport /> : null}
          {tab === 'aging' ? <AgingReport /> : null}
          {tab === 'plans' ? <PlansReport /> : null}
          {tab === 'statements' ? <StatementsTab /> : null}
        </Tabs>
      </div>
    </PanelFrame>
  );
}
