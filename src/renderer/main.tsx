import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { disableGlobalCursorStyles } from 'react-resizable-panels';
import { z } from 'zod';
import { App } from './app/App';
import { TransportProvider } from './app/client';
import { i18nReady } from './app/i18n';
import { createQueryClient } from './app/query';
import { createTransport } from './app/transport';
import './styles.css';

// The panel library would inject a <style> element while dragging, which the
// CSP (style-src 'self') blocks; the cursor rules live in styles.css instead.
disableGlobalCursorStyles();
// zod probes for eval with `new Function` on first parse; the CSP refuses it and
// reports a violation even though zod recovers. Jitless parsing never probes.
z.config({ jitless: true });

const transport = createTransport();
const queryClient = createQueryClient();

// A workstation set to English paints in English from the first frame.
await i18nReady;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </TransportProvider>
  </StrictMode>,
);
