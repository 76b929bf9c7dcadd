import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { call } from './define';
import { languageSchema, passwordSchema, personNameSchema, usernameSchema } from './app';

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
    input: z.object({ id: z.string(), role: z.enum(ROLES).optional(), active: z.boolean().optional() }),
    output: userSchema,
  }),
  'users.resetPassword': call({
    access: { permission: 'users.manage' },
    input: z.object({ id: z.string(), password: passwordSchema }),
    output: z.object({ reset: z.literal(true) }),
  }),
} as const;
