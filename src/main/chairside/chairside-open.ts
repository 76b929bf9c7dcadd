import type { z } from 'zod';
import type { chairsideOpenSchema } from '../../shared/contract/chairside';
import type { Actor, Store } from '../store/store';
import { patientScope } from './chairside-common';
import { ensureChairsideSeed } from './chairside-seed';
import { loadLog } from './chart/chart-repository';
import { buildChartView } from './chart/chart-service';
import { noteSummaries } from './notes/notes-service';
import { latestExamOf } from './perio/perio-service';

/*
 * Opening a patient at the chair: the current chart, the latest perio exam and
 * the note list in one call, read together and audited as one access (one
 * round trip for the renderer, one entry in the audit log, one commit).
 */
export async function openChairside(store: Store, actor: Actor, patientId: string): Promise<z.output<typeof chairsideOpenSchema>> {
  await ensureChairsideSeed(store, actor);
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'chairside.open', entity: 'patient', entityId: scope.patient.id }, async (db) => {
    const [chart, perio, notes] = await Promise.all([
      loadLog(db, scope.ids).then((log) => buildChartView(db, scope, log, { asOf: null, corrections: 'as_recorded', userId: actor.userId ?? '' })),
      latestExamOf(db, scope, false),
      noteSummaries(db, scope),
    ]);
    return { chart, perio, notes };
  });
}
