import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportRequest } from '../../shared/contract/reports';
import { todayIn } from '../../shared/patients/age';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { saveFile } from '../files/save-file';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';

/** The practice's today (its zone, not the workstation's). */
export function usePracticeToday(): string {
  const practice = useAppStatus().practice;
  return todayIn(practice?.timeZone ?? 'UTC');
}

export function usePermission(permission: string): boolean {
  const session = useAppStatus().session;
  return (session?.permissions as readonly string[] | undefined)?.includes(permission) ?? false;
}

export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** A file main made, saved only because the user asked (the browser downloads it). */
export function saveMade(file: { fileName: string; base64: string; mime: string }) {
  return saveFile(file.fileName, new Blob([base64Bytes(file.base64)], { type: file.mime }));
}

/** CSV and PDF of the report on screen, in the interface language. */
export function ExportButtons({ request, disabled }: { request: ReportRequest; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const language = i18n.language === 'en' ? 'en' : 'es';
  const run = useMutation({
    mutationFn: async (format: 'csv' | 'pdf') => {
      const file = await client['reports.export']({ report: request, format, language });
      return saveMade(file);
    },
  });
  return (
    <div className="report-exports">
      <Button icon="download" size="sm" disabled={disabled} busy={run.isPending && run.variables === 'csv'} onClick={() => run.mutate('csv')}>
        {t('reports.exportCsv')}
      </Button>
      <Button icon="download" size="sm" disabled={disabled} busy={run.isPending && run.variables === 'pdf'} onClick={() => run.mutate('pdf')}>
        {t('reports.exportPdf')}
      </Button>
      {run.isSuccess ? <span role="status" className="muted">{t('reports.saved', { name: run.data.path ?? run.data.fileName })}</span> : null}
      {run.isError ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
    </div>
  );
}
