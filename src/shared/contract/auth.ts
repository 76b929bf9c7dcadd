import { z } from 'zod';
import { call } from './define';
import { enteredSecretSchema, languageSchema, PASSWORD_MAX, sessionSchema, usernameSchema } from './app';

export const authCalls = {
  'auth.signIn': call({
    access: 'public',
    input: z.object({ username: usernameSchema, password: enteredSecretSchema(PASSWORD_MAX) }),
    output: sessionSchema,
  }),
  'auth.signOut': call({
    access: 'locked-session',
    input: z.object({}),
    output: z.object({ signedOut: z.literal(true) }),
  }),
  /** Locks the screen now (idle timer in the renderer, or the user's own shortcut). */
  'auth.lock': call({
    access: 'locked-session',
    input: z.object({}),
    output: sessionSchema,
  }),
  'auth.unlock': call({
    access: 'locked-session',
    input: z.object({ password: enteredSecretSchema(PASSWORD_MAX) }),
    output: sessionSchema,
  }),
  /** Tells main the user is still at the keyboard; main locks sessions that stop sending it. */
  'auth.heartbeat': call({
    access: 'session',
    input: z.object({}),
    output: z.object({ lockAfterMs: z.number().int() }),
  }),
  'auth.setLanguage': call({
    access: 'session',
    input: z.object({ language: languageSchema }),
    output: sessionSchema,
  }),
} as const;
