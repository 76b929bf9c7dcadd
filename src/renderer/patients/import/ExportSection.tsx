import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/client';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/PanelFrame';
import { errorMessage } from '../../ui/errors';

/** Hands a text file to the browser's download, from a click: no navigation, nothing left behind. */
function download(fileName: string, text: string, mime: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some engines start reading the blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const EXPORT_BUTTON_ID = 'patients-export-button';

/** Every active patient as CSV, saved where the browser saves downloads. Runs only on the user's click. */
export function ExportSection() {
  const { t } = useTranslation();
  const client = useClient();
  const exporting = useMutation({
    mutationFn: () => client['patients.export']({}),
    onSuccess: (result) => download(result.fileName, result.csv, 'text/csv;charset=utf-8'),
  });
  return (
    <Section title={t('patientExport.title')} description={t('patientExport.description')}>
      <Button id={EXPORT_BUTTON_ID} variant="secondary" icon="download" busy={exporting.isPending} onClick={() => exporting.mutate()}>
        {t('patientExport.button')}
      </Button>
      {exporting.data ? <Alert tone="success">{t('patientExport.done', { count: exporting.data.count, fileName: exporting.data.fileName })}</Alert> : null}
      {exporting.error ? <Alert tone="error">{errorMessage(exporting.error)}</Alert> : null}
    </Section>
  );
}
