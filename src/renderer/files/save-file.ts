import { contractEvents } from '../../shared/contract/events';

/**
 * Hands a file the user asked for (a print, an export) to the host. The
 * browser downloads it to its own downloads folder, which the page cannot
 * know; the desktop app saves it and says where (the 'file.saved' push).
 */
export interface SavedFile {
  fileName: string;
  /** Where the desktop app saved it; null in a browser, or when the app did not say in time. */
  path: string | null;
}

/** Long enough for a save on a slow disk; after that the message names the file only. */
const SAVED_PUSH_WAIT_MS = 15_000;

export function saveFile(fileName: string, blob: Blob): Promise<SavedFile> {
  const bridge = window.dental;
  const saved = bridge
    ? new Promise<SavedFile>((done) => {
        const timer = setTimeout(() => finish(null), SAVED_PUSH_WAIT_MS);
        const stop = bridge.onEvent((name, payload) => {
          if (name !== 'file.saved') return;
          const file = contractEvents['file.saved'].safeParse(payload);
          if (file.success && file.data.requested === fileName) finish(file.data.path);
        });
        function finish(path: string | null) {
          clearTimeout(timer);
          stop();
          done({ fileName, path });
        }
      })
    : Promise.resolve({ fileName, path: null });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return saved;
}

export function savePdf(fileName: string, base64: string): Promise<SavedFile> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return saveFile(fileName, new Blob([bytes], { type: 'application/pdf' }));
}
