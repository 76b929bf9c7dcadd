/** The renderer's schedule grid as the bench page sees it (aliased in vite.config.ts; typed loosely so the node project need not compile JSX). */
declare module 'schedule-ui' {
  import type { ComponentType } from 'react';
  export const InteractiveGrid: ComponentType<Record<string, unknown>>;
  export function dayModel(day: unknown, language: string): { columns: unknown[]; items: unknown[] };
  export const i18nReady: Promise<void>;
}
