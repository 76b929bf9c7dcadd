import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { call } from './define';
import { languageSchema, passwordSchema, personNameSchema, usernameSchema } from './app';
import { idSchema } from './text';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  givenNames: z.string(),
  firstSurname: z.string(),
  secondSurname: z.string(),
  role: z.enum(ROLES),
  language: languageSchema,
  active: z.boolean(),
  createdAt: z.string(),
  /** Set while too many failed sign-ins keep this name out; an admin may lift it. */
  signInBlockedUntil: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const usersCalls = {
  'users.list': call({
    access: { permission: 'users.manage' },
    input: z.object({}),
    output: z.array(userSchema),
  }),
  'users.create': call({
    access: { permission: 'users.manage' },
    input: personNameSchema.extend({
      username: usernameSchema,
      role: z.enum(ROLES),
      password: passwordSchema,
      language: languageSchema.default('es'),
    }),
    output: userSchema,
  }),
  /** Changes a user's role or turns the account off; accounts are never deleted. */
  'users.update': call({
    access: { permission: 'users.manage' },
    input: z.object({ id: idSchema, role: z.enum(ROLES).optional(), active: z.boolean().optional() }),
    output: userSchema,
  }),
  /** Lets a user locked out by failed sign-ins try again now (and this workstation with them). */
  'users.unblockSignIn': call({
    access: { permission: 'users.manage' },
    input: z.object({ id: idSchema }),
    output: z.object({ unblocked: z.boolean() }),
  }),
  'users.resetPassword': call({
    access: { permission: 'users.manage' },
    input: z.object({ id: idSchema, password: passwordSchema }),
    output: z.object({ reset: z.literal(true) }),
  }),
} as const;
