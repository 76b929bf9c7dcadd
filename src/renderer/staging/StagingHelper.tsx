import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePracticeTime } from '../ui/format';
import type { PerioExamOut, StagingInputs } from '../../shared/contract/chairside';
import type { PatientRecord } from '../../shared/contract/patients';
import { type Notation, formatTooth, isToothId } from '../../shared/chart/teeth';
import { useClient } from '../app/client';
import { labelOr } from '../app/i18n';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ErrorNotice } from '../ui/QueryState';

const COMPLEXITY = ['furcationClassIIorIII', 'moderateRidgeDefect', 'masticatoryDysfunction', 'secondaryOcclusalTrauma', 'severeRidgeDefect', 'biteCollapse', 'fewerThan20Teeth'] as const;
type ComplexityKey = (typeof COMPLEXITY)[number];

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The words for a rule with the values it read ("Peor NIC interdental: 6 mm (36 DV)"). */
function ruleText(rule: string, detail: Record<string, unknown> | undefined, notation: Notation): string {
  const show = (v: unknown): string => (Array.isArray(v) ? v.map(show).join(', ') : typeof v === 'string' && isToothId(v) ? formatTooth(v, notation) : String(v));
  const params = Object.fromEntries(Object.entries(detail ?? {}).map(([k, v]) => [k, k === 'tooth' || k === 'teeth' ? show(v) : String(v)]));
  const text = labelOr(`staging.rules.${rule.replace(/\./g, '_')}`, rule);
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '?');
}

/** Decision support: the 2017 AAP/EFP stage, extent and grade from the exam plus the dentist's inputs, confirmed by the dentist. */
export function StagingHelper({ patient, exam, canWrite, notation }: { patient: PatientRecord; exam: PerioExamOut; canWrite: boolean; notation: Notation }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const client = useClient();
  const [boneLoss, setBoneLoss] = useState('');
  const [pattern, setPattern] = useState<'' | 'horizontal' | 'vertical'>('');
  const [lost, setLost] = useState('');
  const [age, setAge] = useState(patient.age !== null ? String(patient.age) : '');
  const [cigarettes, setCigarettes] = useState('');
  const [hba1c, setHba1c] = useState('');
  const [progression, setProgression] = useState('');
  const [complexity, setComplexity] = useState<Partial<Record<ComplexityKey, boolean>>>({});
  const inputs = (): StagingInputs => ({
    boneLossPercent: num(boneLoss),
    boneLossPattern: pattern || null,
    teethLostToPeriodontitis: num(lost),
    complexity,
    age: num(age),
    cigarettesPerDay: num(cigarettes),
    diabetes: hba1c ? true : null,
    hba1c: num(hba1c),
    progressionMm5y: num(progression),
  });
  const suggest = useMutation({ mutationFn: () => client['staging.suggest']({ examId: exam.id, inputs: inputs() }) });
  const confirm = useMutation({ mutationFn: () => client['staging.confirm']({ patientId: patient.id, examId: exam.id, inputs: inputs(), decision: { note: '' } }) });
  const s = suggest.data?.suggestion;
  return (
    <section className="staging card" aria-labelledby="staging-title">
      <h3 id="staging-title" className="card-title">
        {t('staging.title')}
      </h3>
      <p className="muted">{t('staging.disclaimer')}</p>
      <form
        className="staging-form"
        onSubmit={(e) => {
          e.preventDefault();
          suggest.mutate();
        }}
      >
        <label className="field-inline">
          <span>{t('staging.boneLoss')}</span>
          <input inputMode="decimal" size={4} value={boneLoss} onChange={(e) => setBoneLoss(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('staging.pattern')}</span>
          <select value={pattern} onChange={(e) => setPattern(e.target.value as typeof pattern)}>
            <option value="">—</option>
            <option value="horizontal">{t('staging.horizontal')}</option>
            <option value="vertical">{t('staging.vertical')}</option>
          </select>
        </label>
        <label className="field-inline">
          <span>{t('staging.teethLost')}</span>
          <input inputMode="numeric" size={3} value={lost} onChange={(e) => setLost(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('staging.age')}</span>
          <input inputMode="numeric" size={3} value={age} onChange={(e) => setAge(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('staging.cigarettes')}</span>
          <input inputMode="numeric" size={3} value={cigarettes} onChange={(e) => setCigarettes(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('staging.hba1c')}</span>
          <input inputMode="decimal" size={4} value={hba1c} onChange={(e) => setHba1c(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('staging.progression')}</span>
          <input inputMode="decimal" size={3} value={progression} onChange={(e) => setProgression(e.target.value)} />
        </label>
        <fieldset className="staging-complexity">
          <legend>{t('staging.complexity')}</legend>
          {COMPLEXITY.map((k) => (
            <label key={k} className="field-inline">
              <input type="checkbox" checked={complexity[k] ?? false} onChange={(e) => setComplexity((c) => ({ ...c, [k]: e.target.checked }))} />
              <span>{t(`staging.factors.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="primary" size="sm" busy={suggest.isPending}>
          {t('staging.suggest')}
        </Button>
      </form>
      {suggest.isError ? <ErrorNotice error={suggest.error} /> : null}
      {s && suggest.data ? (
        <div className="staging-result" aria-live="polite">
          <p className="staging-headline" data-testid="staging-suggestion">
            {s.stage
              ? t('staging.result', { stage: s.stage, grade: s.grade ?? '—', extent: s.extent ? labelOr(`staging.extents.${s.extent}`, s.extent) : '—' })
              : t('staging.noCase')}
          </p>
          <p>
            {t('staging.cdc')}: <strong>{labelOr(`staging.cdcCases.${suggest.data.cdcAap.case}`, suggest.data.cdcAap.case)}</strong>
          </p>
          <h4>{t('staging.rulesTitle')}</h4>
          <ul className="staging-rules">
            {s.rules
              .filter((r) => r.applied)
              .map((r, i) => (
                <li key={`${r.rule}-${i}`}>
                  {ruleText(r.rule, r.detail, notation)}
                  {r.implies ? <span className="muted"> → {r.implies.length <= 3 ? r.implies : labelOr(`staging.extents.${r.implies}`, r.implies)}</span> : null}
                </li>
              ))}
          </ul>
          {suggest.data.previous ? (
            <p className="muted">{t('staging.previous', { stage: suggest.data.previous.stage, grade: suggest.data.previous.grade, date: time.date(suggest.data.previous.confirmedAt) })}</p>
          ) : null}
          {canWrite && s.stage ? (
            <Button variant="primary" size="sm" busy={confirm.isPending} onClick={() => confirm.mutate()}>
              {t('staging.confirm')}
            </Button>
          ) : null}
          {confirm.isError ? <ErrorNotice error={confirm.error} /> : null}
          {confirm.data ? <Alert tone="success">{t('staging.confirmed', { stage: confirm.data.stage, grade: confirm.data.grade, name: confirm.data.confirmedByName ?? '—' })}</Alert> : null}
        </div>
      ) : null}
    </section>
  );
}
