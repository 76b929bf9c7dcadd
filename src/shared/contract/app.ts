import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../auth/roles';
import { LANGUAGES } from '../i18n/languages';
import { COUNTRY_CODES, isTimeZone } from '../practice/regions';
import { call } from './define';
import { appErrorSchema } from './errors';
import { optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

export const languageSchema = z.enum(LANGUAGES);

const text = singleLine;

export const personNameSchema = z.object({
  givenNames: text(80),
  firstSurname: text(80),
  secondSurname: optionalSingleLine(80),
});

export const usernameSchema = visibleLine(z.string().trim().toLowerCase()).regex(/^[a-z0-9._-]{3,32}$/, 'validation.username');

export const PASSWORD_MAX = 200;
export const PASSPHRASE_MAX = 500;
export const passwordSchema = visibleLine(z.string().min(8, 'validation.passwordLength').max(PASSWORD_MAX));
export const passphraseSchema = visibleLine(z.string().min(12, 'validation.passphraseLength').max(PASSPHRASE_MAX));
/** A password as typed at sign-in or unlock: checked against the stored one, so only bounded here. */
export const enteredSecretSchema = (max: number) => visibleLine(z.string().min(1).max(max));

export const practiceProfileSchema = z.object({
  name: text(120),
  country: z.enum(COUNTRY_CODES),
  timeZone: z.string().max(TEXT_LIMITS.line).refine(isTimeZone, 'validation.timeZone'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'validation.currency'),
  language: languageSchema,
});
export type PracticeProfile = z.infer<typeof practiceProfileSchema>;

/** As read back: a name stored before its bound still reads. */
export const practiceSchema = practiceProfileSchema.extend({
  name: z.string(),
  timeZone: z.string(),
  id: z.string(),
  idleLockMinutes: z.number().int(),
});
export type Practice = z.infer<typeof practiceSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  language: languageSchema,
});

export const sessionSchema = z.object({
  user: sessionUserSchema,
  locked: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const appStateSchema = z.enum(['setup', 'database-locked', 'ready']);
export type AppState = z.infer<typeof appStateSchema>;

export const keyProtectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), passphrase: passphraseSchema }),
  /** Wrapped by the operating system (Electron safeStorage); only offered where available. */
  z.object({ kind: z.literal('os') }),
]);

export const appCalls = {
  /** What the first screen should be: setup, the database passphrase, or sign-in. */
  'app.status': call({
    access: 'public',
    input: z.object({}),
    output: z.object({
      state: appStateSchema,
      practice: practiceSchema.nullable(),
      osKeyProtection: z.boolean(),
      workstation: z.object({ id: z.string(), name: z.string() }),
      session: sessionSchema.nullable(),
      /** Why the database is not open although the practice exists (a damaged file found at open). */
      problem: appErrorSchema.nullable(),
    }),
  }),
  /** First run: creates the practice database, its key and the first admin, then signs the admin in. */
  'app.setup': call({
    access: 'public',
    input: z.object({
      practice: practiceProfileSchema,
      admin: personNameSchema.extend({ username: usernameSchema, password: passwordSchema }),
      key: keyProtectionSchema,
    }),
    output: sessionSchema,
  }),
  /** Opens an existing practice database whose key is wrapped by a passphrase. */
  'app.openDatabase': call({
    access: 'public',
    input: z.object({ passphrase: enteredSecretSchema(PASSPHRASE_MAX) }),
    output: z.object({ opened: z.literal(true) }),
  }),
} as const;
