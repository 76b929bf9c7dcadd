import { useTranslation } from 'react-i18next';
import type { SavedFile } from './save-file';

/**
 * Says where a print went, in a live region that is always there (a region
 * added together with its text is often not announced).
 */
export function SavedFileNotice({ file }: { file: SavedFile | undefined }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="saved-file muted">
      {file ? (file.path ? t('files.savedAt', { path: file.path }) : t('files.downloaded', { fileName: file.fileName })) : null}
    </p>
  );
}
