import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The chairside bench's page: the real Odontogram and PerioGrid with fixture data. Built into a temp dir by chairside.bench.ts.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: { 'chairside-ui': fileURLToPath(new URL('../../src/renderer/perio/bench-exports.tsx', import.meta.url)) } },
  build: { outDir: process.env.CHAIRSIDE_BENCH_OUT ?? 'dist-chairside-bench', emptyOutDir: true, target: 'chrome120', rollupOptions: { input: 'chairside-page.html' } },
});
