import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The render bench's page: our day grid and react-big-calendar's day view with resources, same data. Built into a temp dir by render.bench.ts.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: { 'schedule-ui': fileURLToPath(new URL('../../src/renderer/schedule/bench-exports.ts', import.meta.url)) } },
  build: { outDir: process.env.RENDER_BENCH_OUT ?? 'dist-render-bench', emptyOutDir: true, target: 'chrome120', rollupOptions: { input: 'page.html' } },
});
