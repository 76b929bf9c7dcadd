import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/auth/roles';
import { useAppStatus } from '../app/status';
import { PanelFrame } from '../ui/PanelFrame';
import { Tabs } from '../ui/Tabs';
import { CatalogSection } from './CatalogSection';
import { ChairsideSettingsSection } from './ChairsideSettingsSection';
import { NoteTemplatesSection } from './NoteTemplatesSection';
import { ConsentTemplatesSection } from './ConsentTemplatesSection';
import { MedicinesSection } from './MedicinesSection';
import { RecallTypesSection } from './RecallTypesSection';

type Tab = 'catalog' | 'chairside' | 'templates' | 'medicines' | 'consent' | 'recall';
const TABS: readonly Tab[] = ['catalog', 'chairside', 'templates', 'medicines', 'consent', 'recall'];
/** The list tabs, with the permission main asks to save them (a role without it does not see the tab) and their label. */
const LIST_TABS: Partial<Record<Tab, { permission: Permission; label: 'rx.admin.tab' | 'consent.admin.tab' | 'recall.admin.tab' }>> = {
  medicines: { permission: 'prescriptions.write', label: 'rx.admin.tab' },
  consent: { permission: 'consent.manage', label: 'consent.admin.tab' },
  recall: { permission: 'settings.manage', label: 'recall.admin.tab' },
};

/** What the chairside screens use: the procedure catalog, the odontogram palette and perio entry, and note templates. */
export function ClinicalSetupPanel() {
  const { t } = useTranslation();
  const permissions = useAppStatus().session?.permissions ?? [];
  const [tab, setTab] = useState<Tab>('catalog');
  const tabs = TABS.filter((id) => {
    const list = LIST_TABS[id];
    return !list || permissions.includes(list.permission);
  });
  return (
    <PanelFrame title={t('panels.clinicalSetup.title')} icon="tooth" description={t('panels.clinicalSetup.description')}>
      <div className="sl-panel">
        <Tabs label={t('clinicalSetup.tabsLabel')} tabs={tabs.map((id) => ({ id, label: LIST_TABS[id] ? t(LIST_TABS[id].label) : t(`clinicalSetup.tabs.${id as 'catalog' | 'chairside' | 'templates'}`) }))} active={tab} onChange={setTab}>
          {tab === 'catalog' ? <CatalogSection /> : null}
          {tab === 'chairside' ? <ChairsideSettingsSection /> : null}
          {tab === 'templates' ? <NoteTemplatesSection /> : null}
          {tab === 'medicines' && tabs.includes(tab) ? <MedicinesSection /> : null}
          {tab === 'consent' && tabs.includes(tab) ? <ConsentTemplatesSection /> : null}
          {tab === 'recall' && tabs.includes(tab) ? <RecallTypesSection /> : null}
        </Tabs>
      </div>
    </PanelFrame>
  );
}
