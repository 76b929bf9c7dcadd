import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/errors';
import { Section } from '../ui/PanelFrame';
import { useClient } from '../app/client';
import { translateKey } from '../app/i18n';
import { useCatalogMutation } from './CatalogSection';

type Decimal = '' | '.' | ',';

/** A practice's own list: checked first (dryRun) with the errors per row, then imported. */
export function CsvImport() {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [decimal, setDecimal] = useState<Decimal>('');
  const run = useCatalogMutation((dryRun: boolean) => client['chart.procedures.importCsv']({ text, dryRun, ...(decimal ? { decimal } : {}) }));
  const result = run.data;
  const checked = result?.dryRun === true;
  return (
    <Section title={t('clinicalSetup.csv.title')} description={t('clinicalSetup.csv.description')}>
      <div className="sl-stack">
        <div className="form-grid">
          <Field label={t('clinicalSetup.csv.file')} optional="quiet">
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void file.text().then((content) => {
                    setText(content);
                    run.reset();
                  });
                }}
              />
            )}
          </Field>
          <Field label={t('clinicalSetup.csv.decimal')} optional="quiet">
            {(control) => (
              <select {...control} className="select" value={decimal} onChange={(e) => setDecimal(e.target.value as Decimal)}>
                <option value="">{t('clinicalSetup.csv.decimalAuto')}</option>
                <option value=".">.</option>
                <option value=",">,</option>
              </select>
            )}
          </Field>
        </div>
        <Field label={t('clinicalSetup.csv.text')}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={5}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                run.reset();
              }}
            />
          )}
        </Field>
        <div className="form-actions form-actions-start">
          <Button busy={run.isPending && run.variables === true} aria-disabled={text.trim() === '' || undefined} onClick={() => text.trim() && run.mutate(true)}>
            {t('clinicalSetup.csv.preview')}
          </Button>
          <Button variant="primary" busy={run.isPending && run.variables === false} aria-disabled={!checked || undefined} onClick={() => checked && run.mutate(false)}>
            {t('clinicalSetup.csv.import')}
          </Button>
        </div>
        {run.error ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
        {result ? (
          <div className="sl-stack">
            <Alert tone={result.errors.length > 0 ? 'warning' : 'success'}>
              {t(result.dryRun ? 'clinicalSetup.csv.previewResult' : 'clinicalSetup.csv.importResult', { created: result.created, updated: result.updated, errors: result.errors.length })}
            </Alert>
            {result.errors.length > 0 ? (
              <div className="table-wrap">
                <table className="table table-dense" aria-label={t('clinicalSetup.csv.errorsTitle')}>
                  <tbody>
                    {result.errors.map((err, i) => (
                      <tr key={i}>
                        <th scope="row">{t('clinicalSetup.csv.errorLine', { line: err.line })}</th>
                        <td>{err.column ?? ''}</td>
                        <td>{translateKey(`clinicalSetup.csv.errors.${err.error}`, undefined, 'validation.invalid')}</td>
                        <td>{err.value ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}
