import type { HandlerGroup } from '../contract/context';
import { requireSession } from '../contract/context';
import { listConflicts, resolveConflict } from './conflict-review';
import { publicSyncStatus, type SyncService } from './sync-service';

export function syncHandlers(
  sync: SyncService,
): HandlerGroup<
  'sync.status' | 'sync.joinStatus' | 'sync.devices' | 'sync.revokeDevice' | 'sync.conflicts' | 'sync.resolveConflict' | 'sync.becomeHub' | 'sync.connectHub' | 'sync.createPairing' | 'sync.join'
> {
  return {
    'sync.status': () => sync.status(),
    async 'sync.joinStatus'() {
      return publicSyncStatus(await sync.status());
    },
    'sync.devices': (_input, ctx) => sync.devices(ctx.store()),
    async 'sync.revokeDevice'(input, ctx) {
      await sync.revokeDevice(ctx.store(), ctx.actor, input.deviceId);
      return { revoked: true as const };
    },
    'sync.conflicts': (input, ctx) => listConflicts(ctx.store(), requireSession(ctx).role, input.includeResolved, sync.workstationName),
    async 'sync.resolveConflict'(input, ctx) {
      await resolveConflict(ctx.store(), ctx.actor, requireSession(ctx).role, input.id, input.action);
      return { resolved: true as const };
    },
    'sync.becomeHub': (input, ctx) => sync.becomeHub(ctx.store(), ctx.actor, input.port),
    'sync.connectHub': (input, ctx) => sync.connectHub(ctx.store(), ctx.actor, input.address, input.setupCode),
    'sync.createPairing': (_input, ctx) => sync.createPairing(ctx.store(), ctx.actor),
    async 'sync.join'(input) {
      await sync.join(input);
      return { started: true as const };
    },
  };
}
