import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/contract';
import type { CallOutput } from '../../../shared/contract';
import { IMPORT_FIELDS } from '../../../shared/contract/patients';
import type { ImportField } from '../../../shared/contract/patients';
import { labelOr, translateKey } from '../../app/i18n';
import { useClient } from '../../app/client';
import { useAppStatus } from '../../app/status';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { PanelFrame, Section } from '../../ui/PanelFrame';
import { ErrorNotice } from '../../ui/QueryState';
import { Spinner } from '../../ui/Spinner';
import { errorMessage } from '../../ui/errors';
import { useInvalidatePatients } from '../keys';
import { toBase64 } from '../photo';
import { ExportSection } from './ExportSection';

type Preview = CallOutput<'patients.import.preview'>;
type Report = CallOutput<'patients.import.run'>;
type Mapping = Partial<Record<ImportField, number>>;
interface LoadedFile {
  fileName: string;
  contentBase64: string;
}

/** The contract's own ceiling, less the base64 overhead. */
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A rejected row's field, named as the mapping names it ("draft.document.number" reads as the document column). */
function fieldLabel(field: string, t: (key: `patientImport.fields.${ImportField}`) => string): string {
  const path = field.replace(/^draft\./, '');
  const known: Record<string, ImportField> = {
    'document.number': 'documentNumber',
    document: 'documentNumber',
    'phones.0.number': 'phone',
    phones: 'phone',
    'address.street': 'street',
    'address.district': 'district',
    'address.city': 'city',
    'address.region': 'region',
  };
  const importField = (IMPORT_FIELDS as readonly string[]).includes(path) ? (path as ImportField) : known[path];
  return importField ? t(`patientImport.fields.${importField}`) : labelOr(`patientForm.${path}`, path);
}

/**
 * The import wizard: choose a CSV or XLSX, see its first rows, map its columns
 * (prefilled from the headers), import, and read the report of what was
 * imported, what was already there, and each rejected row and why.
 */
export function ImportPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const invalidate = useInvalidatePatients();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mappingError, setMappingError] = useState(false);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const canImport = status.session?.permissions.includes('patients.write') ?? false;

  const preview = useMutation({
    mutationFn: async (chosen: File): Promise<{ loaded: LoadedFile; preview: Preview }> => {
      if (chosen.size > MAX_BYTES) throw new AppError('VALIDATION', 'patientImport.fileTooLarge');
      let contentBase64: string;
      try {
        contentBase64 = await toBase64(chosen);
      } catch {
        throw new AppError('VALIDATION', 'patientImport.fileUnreadable');
      }
      const loaded = { fileName: chosen.name, contentBase64 };
      return { loaded, preview: await client['patients.import.preview'](loaded) };
    },
    onMutate: () => {
      setFile(null);
      run.reset();
    },
    onSuccess: ({ loaded, preview: p }) => {
      setFile(loaded);
      setMapping(p.suggestedMapping);
      setMappingError(false);
    },
  });

  const run = useMutation({
    mutationFn: () => client['patients.import.run']({ ...file!, mapping }),
    onSuccess: async () => {
      await invalidate();
    },
  });

  const data = preview.data?.preview;
  const report = run.data;

  const onRun = (event: FormEvent) => {
    event.preventDefault();
    if (!file || run.isPending) return;
    const named = mapping.fullName !== undefined || (mapping.givenNames !== undefined && mapping.firstSurname !== undefined);
    setMappingError(!named);
    if (named) run.mutate();
  };

  const startOver = () => {
    preview.reset();
    run.reset();
    setFile(null);
    setMapping({});
    setChosenName(null);
    window.requestAnimationFrame(() => fileRef.current?.focus());
  };

  if (!canImport) {
    return (
      <PanelFrame title={t('panels.patientImport.title')} icon="upload" description={t('patientImport.description')}>
        <ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'patients.write' } })} />
        <ExportSection />
      </PanelFrame>
    );
  }

  return (
    <PanelFrame title={t('panels.patientImport.title')} icon="upload" description={t('patientImport.description')}>
      <Section title={t('patientImport.fileSection')} description={t('patientImport.fileIntro')}>
        <div className="form-grid">
          <Field label={t('patientImport.file')} hint={t('patientImport.fileHint')} optional="quiet" className="span-2">
            {(control) => (
              // The native control's button speaks the browser's language, not the user's; this one is drawn in theirs.
              <div className="file-picker">
                <input
                  {...control}
                  ref={fileRef}
                  className="sr-only"
                  type="file"
                  accept={ACCEPT}
                  onChange={(e) => {
                    const chosen = e.target.files?.[0];
                    e.target.value = '';
                    if (chosen) {
                      setChosenName(chosen.name);
                      preview.mutate(chosen);
                    }
                  }}
                />
                <button type="button" className="btn btn-secondary" tabIndex={-1} aria-hidden="true" onClick={() => fileRef.current?.click()}>
                  <Icon name="upload" size={18} />
                  {t('patientImport.choose')}
                </button>
                <span className={chosenName ? 'file-picker-name' : 'file-picker-name muted'} aria-hidden="true">
                  {chosenName ?? t('patientImport.noFile')}
                </span>
              </div>
            )}
          </Field>
        </div>
        {preview.isPending ? (
          <p className="loading" role="status">
            <Spinner />
            {t('patientImport.reading')}
          </p>
        ) : null}
        {preview.error ? <Alert tone="error">{errorMessage(preview.error)}</Alert> : null}
      </Section>

      {data && file ? (
        <form onSubmit={onRun} noValidate aria-label={t('patientImport.previewSection')}>
          <Section
            title={t('patientImport.previewSection')}
            description={t('patientImport.previewIntro', { fileName: file.fileName, count: data.rowCount, format: data.format.toUpperCase(), encoding: data.encoding })}
          >
            {/* Wide files scroll sideways: the keyboard can scroll it too. */}
            <div className="table-wrap import-preview" role="region" aria-label={t('patientImport.previewLabel')} tabIndex={0}>
              <table className="table table-dense">
                <caption className="sr-only">{t('patientImport.previewLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('patientImport.rowNumber')}</th>
                    {data.headers.map((header, i) => (
                      <th key={i} scope="col">
                        {header || t('patientImport.column', { n: i + 1, header: '' })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.sampleRows.map((row, r) => (
                    <tr key={r}>
                      <th scope="row" className="num">
                        {r + 2}
                      </th>
                      {data.headers.map((_, c) => (
                        <td key={c}>{row[c] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            <fieldset className="mapping" aria-describedby={`${fileId}-mapping-hint`}>
              <legend className="field-label">{t('patientImport.mappingLegend')}</legend>
              <p id={`${fileId}-mapping-hint`} className="field-hint">
                {t('patientImport.mappingHint')}
              </p>
              <div className="mapping-grid">
                {IMPORT_FIELDS.map((field) => (
                  <Field key={field} label={t(`patientImport.fields.${field}`)} optional="quiet">
                    {(control) => (
                      <select
                        {...control}
                        className="select"
                        value={mapping[field] === undefined ? '' : String(mapping[field])}
                        onChange={(e) => {
                          const next = { ...mapping };
                          if (e.target.value === '') delete next[field];
                          else next[field] = Number(e.target.value);
                          setMapping(next);
                        }}
                      >
                        <option value="">{t('patientImport.notMapped')}</option>
                        {data.headers.map((header, i) => (
                          <option key={i} value={i}>
                            {t('patientImport.column', { n: i + 1, header })}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ))}
              </div>
            </fieldset>
            {mappingError ? <Alert tone="error">{t('patientImport.needsName')}</Alert> : null}
            {run.error ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
            {report ? null : (
              <div className="form-actions form-actions-start">
                <Button type="submit" variant="primary" icon="upload" busy={run.isPending}>
                  {run.isPending ? t('patientImport.running') : t('patientImport.run')}
                </Button>
              </div>
            )}
          </Section>
        </form>
      ) : null}

      {report ? <ImportReport report={report} onAgain={startOver} /> : null}

      <ExportSection />
    </PanelFrame>
  );
}

function ImportReport({ report, onAgain }: { report: Report; onAgain: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The result is announced by moving the keyboard to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const rejected = report.rejected;
  return (
    <section className="section import-report" aria-labelledby="import-report-title">
      <div className="section-head">
        <h3 id="import-report-title" ref={headingRef} tabIndex={-1} className="section-title">
          {t('patientImport.reportSection')}: {t('patientImport.reportTitle')}
        </h3>
      </div>
      <dl className="report-numbers">
        <div>
          <dt>{t('patientImport.total')}</dt>
          <dd>{report.total}</dd>
        </div>
        <div className="report-good">
          <dt>{t('patientImport.imported')}</dt>
          <dd>{report.imported}</dd>
        </div>
        <div>
          <dt>{t('patientImport.alreadyPresent')}</dt>
          <dd>{report.alreadyPresent}</dd>
        </div>
        <div className={rejected.length > 0 ? 'report-bad' : undefined}>
          <dt>{t('patientImport.rejectedCount')}</dt>
          <dd>{rejected.length}</dd>
        </div>
      </dl>
      {rejected.length === 0 ? (
        <Alert tone="success">{t('patientImport.allImported')}</Alert>
      ) : (
        <>
          <h4 className="subsection-title">{t('patientImport.rejectedTitle')}</h4>
          <p className="section-description">{t('patientImport.rejectedIntro')}</p>
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('patientImport.rejectedLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('patientImport.row')}
                  </th>
                  <th scope="col">{t('patientImport.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((row) => (
                  <tr key={row.row}>
                    <th scope="row" className="num">
                      {row.row}
                    </th>
                    <td>
                      <ul className="reason-list">
                        {row.errors.map((error, i) => (
                          <li key={i}>
                            {t('patientImport.rowField', {
                              field: fieldLabel(error.field, t),
                              message: translateKey(error.messageKey, error.params, 'validation.invalid'),
                            })}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="form-actions form-actions-start">
        <Button variant="secondary" icon="upload" onClick={onAgain}>
          {t('patientImport.again')}
        </Button>
      </div>
    </section>
  );
}
