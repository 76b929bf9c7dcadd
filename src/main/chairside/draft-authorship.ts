import { AppError } from '../../shared/contract/errors';
import type { Db } from '../patients/patients-repository';
import { userNames } from '../patients/patients-repository';
import type { Actor } from '../store/store';
import { readChairsideSettings } from './chairside-settings';

/**
 * Who may change a clinical draft (a note, a perio exam). Its author edits,
 * discards and signs it; a dentist may also sign it where the practice allows
 * co-signing. Anyone else with clinical access reads it and, once it is
 * signed, adds an addendum: nobody rewrites another clinician's draft.
 * A draft with no recorded author (made before authors were kept) is open to all.
 */
export async function requireDraftAuthor(db: Db, actor: Actor, authorId: string | null, action: 'edit' | 'sign'): Promise<void> {
  if (authorId === null || authorId === actor.userId) return;
  if (action === 'sign' && actor.userId) {
    const [user, settings] = await Promise.all([
      db.selectFrom('users').select('role').where('id', '=', actor.userId).executeTakeFirst(),
      readChairsideSettings(db),
    ]);
    if (user?.role === 'dentist' && settings.allowCoSign) return;
  }
  const author = (await userNames(db, [authorId])).get(authorId) ?? '—';
  throw new AppError('FORBIDDEN', action === 'sign' ? 'errors.SIGN_NOT_AUTHOR' : 'errors.DRAFT_NOT_AUTHOR', { params: { author, permission: 'clinical.write' } });
}
