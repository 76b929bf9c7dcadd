import { z } from 'zod';
import { call } from './define';
import { practiceProfileSchema, practiceSchema } from './app';

export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

export const TOOTH_NUMBERINGS = ['fdi', 'universal', 'palmer'] as const;

export const clinicalPreferencesSchema = z.object({
  toothNumbering: z.enum(TOOTH_NUMBERINGS),
  /** Probing depths at or above this many millimetres show red. */
  probingAlertMm: z.number().int().min(1).max(19),
  /** Bleeding-on-probing percentages at or above this show red. */
  bleedingAlertPercent: z.number().int().min(0).max(100),
});
export type ClinicalPreferences = z.infer<typeof clinicalPreferencesSchema>;

export const practiceCalls = {
  'practice.update': call({
    access: { permission: 'settings.manage' },
    input: practiceProfileSchema.partial().extend({
      idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max).optional(),
    }),
    output: practiceSchema,
  }),
  /** Charting conventions of the practice; clinical staff only. */
  'clinical.preferences.get': call({
    access: { permission: 'clinical.read' },
    input: z.object({}),
    output: clinicalPreferencesSchema,
  }),
  'clinical.preferences.update': call({
    access: { permission: 'clinical.write' },
    input: clinicalPreferencesSchema.partial(),
    output: clinicalPreferencesSchema,
  }),
} as const;
