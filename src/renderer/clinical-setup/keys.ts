/** Query keys the clinical setup panel reads and the chairside tabs share, so a save refreshes what it changed. */
export const CATALOG_KEY = ['chart.procedures.list'] as const;
export const CHAIRSIDE_SETTINGS_KEY = ['chairside.settings'] as const;
export const NOTE_TEMPLATES_KEY = ['notes.templates'] as const;
/** The chart carries the catalog and the palette. */
export const CHART_KEY = ['chart.get'] as const;
/** Shared with the prescription form, the consent form and the recall list, so a save here refreshes them. */
export const MEDICINES_KEY = ['prescriptions', 'medicines'] as const;
export const CONSENT_TEMPLATES_KEY = ['consent', 'templates'] as const;
export const RECALL_TYPES_KEY = ['schedule', 'recall', 'types'] as const;
