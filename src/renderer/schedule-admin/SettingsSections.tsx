import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleSettings } from '../../shared/contract/schedule';
import type { Language } from '../../shared/i18n/languages';
import { GRID_MINUTES } from '../../shared/schedule/grid';
import { renderTemplate, unknownVariables } from '../../shared/schedule/reminders';
import type { TemplateKind } from '../../shared/schedule/reminders';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { CallError, useScheduleMutation } from './common';
import { TimeField } from '../ui/TimeField';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

const SETTINGS_KEY = ['schedule', 'setup', 'settings'] as const;

export function SettingsSection() {
  const client = useClient();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => client['schedule.settings.get']({}) });
  return <QueryState query={settings}>{(data) => <SettingsForm initial={data} />}</QueryState>;
}

function SettingsForm({ initial }: { initial: ScheduleSettings }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useScheduleMutation(() => client['schedule.settings.update'](draft), () => setSaved(true));
  const errors = fieldErrors(save.error);
  const set = (patch: Partial<ScheduleSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  return (
    <div className="sl-stack">
      <form
        className="sl-form"
        noValidate
        aria-label={t('scheduleAdmin.settings.title')}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleAdmin.settings.grid')} error={errors.gridMinutes}>
            {(control) => (
              <select {...control} className="select" value={draft.gridMinutes} onChange={(e) => set({ gridMinutes: Number(e.target.value) as ScheduleSettings['gridMinutes'] })}>
                {GRID_MINUTES.map((g) => (
                  <option key={g} value={g}>
                    {t('scheduleAdmin.settings.minutes', { count: g })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.settings.officeStart')} error={errors.officeStart}>
            {(control) => <TimeField {...control} className="input" value={draft.officeStart} onChange={(v) => set({ officeStart: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.settings.officeEnd')} error={errors.officeEnd}>
            {(control) => <TimeField {...control} className="input" value={draft.officeEnd === '24:00' ? '23:59' : draft.officeEnd} onChange={(v) => set({ officeEnd: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.settings.colourBy')}>
            {(control) => (
              <select {...control} className="select" value={draft.colourBy} onChange={(e) => set({ colourBy: e.target.value as ScheduleSettings['colourBy'] })}>
                <option value="provider">{t('scheduleAdmin.settings.colourByProvider')}</option>
                <option value="type">{t('scheduleAdmin.settings.colourByType')}</option>
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.settings.conflictPolicy')}>
            {(control) => (
              <select {...control} className="select" value={draft.conflictPolicy} onChange={(e) => set({ conflictPolicy: e.target.value as ScheduleSettings['conflictPolicy'] })}>
                <option value="warn">{t('scheduleAdmin.settings.policyWarn')}</option>
                <option value="block">{t('scheduleAdmin.settings.policyBlock')}</option>
              </select>
            )}
          </Field>
          <label className="sl-inline">
            <input type="checkbox" checked={draft.allowOverride} onChange={(e) => set({ allowOverride: e.target.checked })} />
            {t('scheduleAdmin.settings.allowOverride')}
          </label>
          <Field label={t('scheduleAdmin.settings.address')} optional="quiet" error={errors.address}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.settings.update'].input, 'address')} {...control} className="input" value={draft.address} onChange={(e) => set({ address: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.settings.phone')} optional="quiet" error={errors.phone}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.settings.update'].input, 'phone')} {...control} className="input" value={draft.phone} onChange={(e) => set({ phone: e.target.value })} />}
          </Field>
          <label className="sl-inline">
            <input type="checkbox" checked={draft.icsIncludePatientNames} onChange={(e) => set({ icsIncludePatientNames: e.target.checked })} />
            {t('scheduleAdmin.settings.icsNames')}
          </label>
        </div>
        <CallError error={save.error} shown={Object.keys(errors)} />
        {saved ? <Alert tone="success">{t('scheduleAdmin.common.saved')}</Alert> : null}
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t('scheduleAdmin.settings.save')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/* ------------------------------------------------------------ reminder templates */

export function TemplatesSection() {
  const client = useClient();
  const list = useQuery({ queryKey: ['schedule', 'setup', 'templates'], queryFn: () => client['schedule.templates.list']({}) });
  return (
    <QueryState query={list}>
      {(rows) => (
        <div className="sl-stack">
          {rows.map((tpl) => (
            <TemplateEditor key={`${tpl.kind}-${tpl.language}-${tpl.body}`} template={tpl} />
          ))}
        </div>
      )}
    </QueryState>
  );
}

const SAMPLE: Record<Language, Record<string, string>> = {
  es: { patientName: 'María', patientFullName: 'María José González Muñoz', date: 'lunes 23 de noviembre', time: '10:30', provider: 'Camila Rojas', type: 'Limpieza' },
  en: { patientName: 'Mary', patientFullName: 'Mary Jane Smith', date: 'Monday, November 23', time: '10:30 AM', provider: 'Camila Rojas', type: 'Cleaning' },
};

function TemplateEditor({ template }: { template: { kind: TemplateKind; language: Language; body: string; isDefault: boolean; variables: { variable: string; placeholder: string }[] } }) {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const [body, setBody] = useState(template.body);
  const save = useScheduleMutation((next: string | null) => client['schedule.templates.update']({ kind: template.kind, language: template.language, body: next }));
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => client['schedule.settings.get']({}) });
  const errors = fieldErrors(save.error);
  const unknown = unknownVariables(body);
  const title = t('scheduleAdmin.templates.titleOf', { kind: t(`scheduleAdmin.templates.kinds.${template.kind}`), language: t(`languages.${template.language}`) });
  const preview = renderTemplate(body, {
    patientName: SAMPLE[template.language].patientName!,
    patientFullName: SAMPLE[template.language].patientFullName!,
    date: SAMPLE[template.language].date!,
    time: SAMPLE[template.language].time!,
    provider: SAMPLE[template.language].provider!,
    practice: status.practice?.name ?? '',
    address: settings.data?.address ?? '',
    phone: settings.data?.phone ?? '',
    type: SAMPLE[template.language].type!,
  });
  return (
    <section className="section" aria-label={title}>
      <h3 className="section-title">
        {title} {template.isDefault ? <span className="badge badge-inline">{t('scheduleAdmin.templates.default')}</span> : null}
      </h3>
      <Field
        label={t('scheduleAdmin.templates.body')}
        error={unknown.length ? t('validation.templateVariable', { unknown: unknown.join(' ') }) : errors.body ? t('validation.templateVariable', { unknown: '' }) : undefined}
      >
        {(control) => <textarea maxLength={maxLengthAt(contract['schedule.templates.update'].input, 'body')} {...control} className="input sl-text" rows={5} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <p className="sl-meta">{t('scheduleAdmin.templates.variables')}</p>
      <ul className="sa-vars" aria-label={t('scheduleAdmin.templates.variables')}>
        {template.variables.map((v) => (
          <li key={v.variable}>
            <button type="button" className="badge" onClick={() => setBody(`${body}${v.placeholder}`)} aria-label={t('scheduleAdmin.templates.insert', { placeholder: v.placeholder })}>
              <code>{v.placeholder}</code>
            </button>
          </li>
        ))}
      </ul>
      <p className="sl-meta">{t('scheduleAdmin.templates.preview')}</p>
      <pre className="sa-preview" aria-label={t('scheduleAdmin.templates.previewOf', { title })}>
        {preview}
      </pre>
      <CallError error={save.error} shown={['body']} />
      <div className="form-actions form-actions-start">
        <Button variant="primary" busy={save.isPending && save.variables !== null} onClick={() => save.mutate(body)}>
          {t('scheduleAdmin.templates.save')}
        </Button>
        {!template.isDefault ? (
          <Button variant="ghost" busy={save.isPending && save.variables === null} onClick={() => save.mutate(null)}>
            {t('scheduleAdmin.templates.reset')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}


