import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/contract';
import { defaultDocumentType } from '../../shared/identity/documents';
import { useClient } from '../app/client';
import { Keys } from '../app/Keys';
import { shortcutFor } from '../app/shortcuts';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { Tabs } from '../ui/Tabs';
import { errorMessage, toAppError } from '../ui/errors';
import { AlertsEditor } from './AlertsEditor';
import { PatientForm } from './form/PatientForm';
import { draftFromForm, emptyForm, formFromRecord } from './form/form-state';
import { patientKeys, useInvalidatePatients } from './keys';
import { MergeSection } from './MergeSection';
import type { MergeDone } from './MergeSection';
import { legalName } from './names';
import { usePatientNavigation } from './navigation';
import { PatientHeader } from './PatientHeader';
import { PATIENT_TABS } from './tabs';

/** The patient context: the open patient, a new one being registered, or where to start. */
export function PatientPanel() {
  const nav = usePatientNavigation();
  if (nav.mode === 'new') return <NewPatient />;
  if (!nav.patientId) return <PatientLanding />;
  return <PatientRecordView key={nav.patientId} id={nav.patientId} />;
}

function PatientLanding() {
  const { t } = useTranslation();
  const nav = usePatientNavigation();
  const status = useAppStatus();
  const canWrite = status.session?.permissions.includes('patients.write') ?? false;
  const search = shortcutFor('searchPatient');
  return (
    <PanelFrame
      title={t('panels.patient.title')}
      icon="person"
      description={t('patients.intro')}
      actions={
        canWrite ? (
          <Button variant="primary" size="sm" icon="userPlus" onClick={nav.newPatient}>
            {t('patients.new')}
          </Button>
        ) : null
      }
    >
      {search ? (
        <p className="landing-hint">
          <Icon name="search" size={16} />
          {t('patients.searchHint')}{' '}
          {search.combos.map((combo, i) => (
            <Keys key={i} combo={combo} announce />
          ))}
        </p>
      ) : null}
      <Section title={t('patients.recentTitle')}>
        {nav.recent.length === 0 ? (
          <p className="muted">{t('patients.recentEmpty')}</p>
        ) : (
          <ul className="recent-list">
            {nav.recent.map((patient) => (
              <li key={patient.id}>
                <button type="button" className="recent-item" onClick={() => nav.openPatient(patient.id)}>
                  <Icon name="person" size={16} />
                  {patient.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </PanelFrame>
  );
}

function NewPatient() {
  const { t } = useTranslation();
  const nav = usePatientNavigation();
  const status = useAppStatus();
  const country = status.practice?.country ?? 'CL';
  const initial = useMemo(() => emptyForm(defaultDocumentType(country)), [country]);
  const canWrite = status.session?.permissions.includes('patients.write') ?? false;
  return (
    <PanelFrame title={t('patients.new')} icon="userPlus" description={t('patients.newDescription')}>
      {canWrite ? (
        <PatientForm
          mode="create"
          initial={initial}
          onSaved={(record) => nav.openPatient(record.id, { notice: t('patients.created', { name: legalName(record) }) })}
          onCancel={nav.closePatient}
          onOpenPatient={(id) => nav.openPatient(id)}
        />
      ) : (
        <ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'patients.write' } })} />
      )}
    </PanelFrame>
  );
}

type View = 'tabs' | 'edit' | 'alerts' | 'merge';

function PatientRecordView({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const nav = usePatientNavigation();
  const status = useAppStatus();
  const invalidate = useInvalidatePatients();
  const permissions = status.session?.permissions ?? [];
  const canWrite = permissions.includes('patients.write');
  const country = status.practice?.country ?? 'CL';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusedFor = useRef(0);
  const [view, setView] = useState<View>('tabs');
  const [tab, setTab] = useState('details');
  const [notice, setNotice] = useState<string | null>(nav.notice);
  const [merged, setMerged] = useState<MergeDone | null>(null);
  const [restored, setRestored] = useState<{ id: string; name: string } | null>(null);

  const record = useQuery({ queryKey: patientKeys.record(id), queryFn: () => client['patients.get']({ id }) });
  const patient = record.data;
  const { forget, remember } = nav;

  // Opened from search or a link: the keyboard lands on the name once there is one, unless
  // the user has already gone on to something else (a slow load must not steal the focus back).
  const focusWasAt = useRef<Element | null>(null);
  useEffect(() => {
    focusWasAt.current = document.activeElement;
  }, [nav.focusRequest]);
  useEffect(() => {
    if (patient && focusedFor.current !== nav.focusRequest) {
      focusedFor.current = nav.focusRequest;
      const active = document.activeElement;
      const movedOn = active !== null && active !== document.body && active !== focusWasAt.current && !headingRef.current?.contains(active);
      if (!movedOn) headingRef.current?.focus();
    }
  }, [patient, nav.focusRequest]);

  const name = patient ? legalName(patient) : null;
  useEffect(() => {
    if (name) remember({ id, name });
  }, [id, name, remember]);

  const notFound = record.isError && toAppError(record.error).code === 'NOT_FOUND';
  useEffect(() => {
    if (notFound) forget(id);
  }, [notFound, id, forget]);

  // A duplicate main already knows of, offered as a merge from this panel.
  const knownDuplicates = useQuery({
    queryKey: patientKeys.duplicatesOf(id),
    queryFn: () => client['patients.findDuplicates']({ draft: draftFromForm(formFromRecord(patient!, defaultDocumentType(country))).draft, excludeId: id }),
    enabled: Boolean(patient) && canWrite,
    staleTime: 60_000,
    retry: false,
  });
  const duplicate = knownDuplicates.data?.[0] ?? null;

  const undo = useMutation({
    mutationFn: (mergeId: string) => client['patients.undoMerge']({ mergeId }),
    onSuccess: async (result) => {
      const name = merged?.duplicateName ?? '';
      setMerged(null);
      setRestored({ id: result.restoredId, name });
      await invalidate();
    },
  });

  if (record.isPending) {
    return (
      <section className="panel" aria-label={t('patients.recordLabel')}>
        <div className="panel-body">
          <Loading />
        </div>
      </section>
    );
  }
  if (!patient) {
    return (
      <PanelFrame title={t('patients.recordLabel')} icon="person">
        {notFound ? <Alert tone="error">{t('patients.notFound')}</Alert> : <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />}
        <Button variant="secondary" onClick={nav.closePatient}>
          {t('patients.close')}
        </Button>
      </PanelFrame>
    );
  }

  const tabs = PATIENT_TABS.filter((tab) => !tab.permission || permissions.includes(tab.permission));
  const activeTab = tabs.find((item) => item.id === tab) ?? tabs[0]!;
  const show = (next: View) => {
    setNotice(null);
    setMerged(null);
    setRestored(null);
    setView(next);
  };
  const back = (message: string | null) => {
    setView('tabs');
    setNotice(message);
    window.requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <section className="panel patient-panel" aria-label={t('patients.recordLabel')}>
      <PatientHeader
        patient={patient}
        headingRef={headingRef}
        canWrite={canWrite}
        onEdit={() => show('edit')}
        onEditAlerts={() => show('alerts')}
        onMerge={() => show('merge')}
        onClose={nav.closePatient}
      />
      <div className="panel-body patient-body">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {merged ? (
          <Alert tone="success" title={t('merge.done', { duplicate: merged.duplicateName, survivor: merged.survivorName })}>
            <Button size="sm" className="alert-action" busy={undo.isPending} onClick={() => undo.mutate(merged.mergeId)}>
              {t('merge.undo')}
            </Button>
          </Alert>
        ) : null}
        {undo.error ? <Alert tone="error">{errorMessage(undo.error)}</Alert> : null}
        {restored ? (
          <Alert tone="success" title={t('merge.undone', { name: restored.name })}>
            <Button size="sm" className="alert-action" onClick={() => nav.openPatient(restored.id)}>
              {t('merge.openRestored')}
            </Button>
          </Alert>
        ) : null}
        {view === 'tabs' && duplicate && !merged ? (
          <Alert
            tone="warning"
            title={t('duplicates.known', {
              name: legalName(duplicate),
              reasons: duplicate.reasons.map((reason) => t(`duplicates.reasons.${reason}`)).join(', '),
            })}
          >
            <Button size="sm" className="alert-action" icon="merge" onClick={() => show('merge')}>
              {t('duplicates.knownAction')}
            </Button>
          </Alert>
        ) : null}

        {view === 'edit' ? (
          <section aria-label={t('patients.editTitle', { name: legalName(patient) })}>
            <h3 className="form-title">{t('patients.editTitle', { name: legalName(patient) })}</h3>
            <PatientForm
              mode="edit"
              patientId={patient.id}
              initial={formFromRecord(patient, defaultDocumentType(country))}
              onSaved={(saved) => back(t('patients.updated', { name: legalName(saved) }))}
              onCancel={() => back(null)}
              onOpenPatient={(other) => nav.openPatient(other)}
            />
          </section>
        ) : view === 'alerts' ? (
          <AlertsEditor patient={patient} onDone={() => back(t('patients.alertsEditor.saved'))} onCancel={() => back(null)} />
        ) : view === 'merge' ? (
          <MergeSection
            survivor={patient}
            suggested={duplicate}
            onCancel={() => back(null)}
            onMerged={(done) => {
              setView('tabs');
              setMerged(done);
              window.requestAnimationFrame(() => headingRef.current?.focus());
            }}
          />
        ) : (
          <Tabs label={t('patients.tabsLabel')} tabs={tabs.map((item) => ({ id: item.id, label: item.label(t) }))} active={activeTab.id} onChange={setTab}>
            <activeTab.Component patient={patient} permissions={permissions} onEdit={() => show('edit')} onOpenPatient={(other) => nav.openPatient(other)} onOpenTab={setTab} />
          </Tabs>
        )}
      </div>
    </section>
  );
}
