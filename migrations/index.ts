import type { Migration } from 'kysely';
import * as foundation from './2026-11-21-0001-foundation';
import * as patients from './2026-11-21-0002-patients';
import * as schedule from './2026-11-21-0003-schedule';
import * as chairside from './2026-11-21-0004-chairside';
import * as sync from './2026-12-02-0010-sync';
import * as auditAnchor from './2026-12-03-0011-audit-anchor';
import * as feesPlans from './2026-12-04-0012-fees-plans';
import * as ledger from './2026-12-04-0013-ledger';
import * as documents from './2026-12-04-0014-documents';
import * as prescriptionsConsentRecall from './2026-12-04-0015-prescriptions-consent-recall';
import * as dataRights from './2026-12-04-0017-data-rights';
import * as documentAnnotationPage from './2026-12-04-0018-document-annotation-page';
import * as signInAttempts from './2026-12-04-0019-sign-in-attempts';
import * as syncOutboxRefused from './2026-12-04-0020-sync-outbox-refused';

/**
 * Every migration, in order, imported statically so that bundlers see them.
 * Keys sort in application order; never rename or edit a released entry.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-21-0001-foundation': foundation,
  '2026-11-21-0002-patients': patients,
  '2026-11-21-0003-schedule': schedule,
  '2026-11-21-0004-chairside': chairside,
  '2026-12-02-0010-sync': sync,
  '2026-12-03-0011-audit-anchor': auditAnchor,
  '2026-12-04-0012-fees-plans': feesPlans,
  '2026-12-04-0013-ledger': ledger,
  '2026-12-04-0014-documents': documents,
  '2026-12-04-0015-prescriptions-consent-recall': prescriptionsConsentRecall,
  '2026-12-04-0017-data-rights': dataRights,
  '2026-12-04-0018-document-annotation-page': documentAnnotationPage,
  '2026-12-04-0019-sign-in-attempts': signInAttempts,
  '2026-12-04-0020-sync-outbox-refused': syncOutboxRefused,
};

/** The schema version this build writes; a database reporting more is from a newer app. */
export const SCHEMA_VERSION = Object.keys(migrations).length;
