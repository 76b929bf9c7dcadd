import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PanelFrame } from '../ui/PanelFrame';
import { Tabs } from '../ui/Tabs';
import { CatalogSection } from './CatalogSection';
import { ChairsideSettingsSection } from './ChairsideSettingsSection';
import { NoteTemplatesSection } from './NoteTemplatesSection';

type Tab = 'catalog' | 'chairside' | 'templates';
const TABS: readonly Tab[] = ['catalog', 'chairside', 'templates'];

/** What the chairside screens use: the procedure catalog, the odontogram palette and perio entry, and note templates. */
export function ClinicalSetupPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('catalog');
  return (
    <PanelFrame title={t('panels.clinicalSetup.title')} icon="tooth" description={t('panels.clinicalSetup.description')}>
      <div className="sl-panel">
        <Tabs label={t('clinicalSetup.tabsLabel')} tabs={TABS.map((id) => ({ id, label: t(`clinicalSetup.tabs.${id}`) }))} active={tab} onChange={setTab}>
          {tab === 'catalog' ? <CatalogSection /> : null}
          {tab === 'chairside' ? <ChairsideSettingsSection /> : null}
          {tab === 'templates' ? <NoteTemplatesSection /> : null}
        </Tabs>
      </div>
    </PanelFrame>
  );
}
