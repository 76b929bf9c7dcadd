/** Query keys the clinical setup panel reads and the chairside tabs share, so a save refreshes what it changed. */
export const CATALOG_KEY = ['chart.procedures.list'] as const;
export const CHAIRSIDE_SETTINGS_KEY = ['chairside.settings'] as const;
export const NOTE_TEMPLATES_KEY = ['notes.templates'] as const;
/** The chart carries the catalog and the palette. */
export const CHART_KEY = ['chart.get'] as const;
