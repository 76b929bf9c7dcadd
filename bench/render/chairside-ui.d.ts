/** The renderer's chairside components as the bench page sees them (aliased in chairside.vite.config.ts; typed loosely so the node project need not compile JSX). */
declare module 'chairside-ui' {
  import type { ComponentType } from 'react';
  export const BenchOdontogram: ComponentType<{ onCommit?: (focus: string | null, surfaces: string) => void }>;
  export const BenchPerio: ComponentType<{ onCommit?: (cursor: number) => void }>;
  export const i18nReady: Promise<void>;
}
