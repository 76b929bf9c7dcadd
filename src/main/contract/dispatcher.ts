import { roleHas } from '../../shared/auth/roles';
import { AppError, type CallName, type CallResult, contract, validationError } from '../../shared/contract';
import type { Access } from '../../shared/contract/define';
import type { Session, SessionRegistry } from '../auth/sessions';
import { asCorruption } from '../db/practice-database';
import type { PracticeVault } from '../practice/practice-vault';
import type { CallContext, Handlers } from './context';
import { checkInputBounds } from './input-bounds';

export type Dispatch = (name: string, input: unknown, connectionId: string) => Promise<CallResult<unknown>>;

/**
 * The single entry point for every transport (Electron IPC, the browser
 * host's HTTP): look the call up, check access in main, parse the input,
 * run the handler, parse the output. Errors leave as typed values.
 */
export function createDispatcher(handlers: Handlers, sessions: SessionRegistry, vault: PracticeVault): Dispatch {
  return async (name, rawInput, connectionId) => {
    try {
      if (!Object.hasOwn(contract, name)) throw new AppError('UNKNOWN_CALL', undefined, { params: { name } });
      const callName = name as CallName;
      const spec = contract[callName];
      const session = checkAccess(spec.access, sessions.get(connectionId));
      const outOfBounds = checkInputBounds(callName, rawInput);
      const parsed = spec.input.safeParse(rawInput ?? {});
      // Both at once, so a form marks every field in one round.
      if (outOfBounds || !parsed.success) throw mergeRefusals(outOfBounds, parsed.success ? null : validationError(parsed.error.issues));
      if (session) sessions.touch(session);
      const ctx: CallContext = {
        connectionId,
        session,
        actor: { userId: session?.userId ?? null, deviceId: vault.workstation.id },
        store: () => vault.store(),
      };
      const handler = handlers[callName] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const output = await handler(parsed.data, ctx);
      return { ok: true, value: spec.output.parse(output) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.value };
      const corruption = asCorruption(error);
      if (corruption) return { ok: false, error: corruption.value };
      // Unexpected failures are logged by name only: messages may quote patient data.
      console.error(`[dispatch] ${name} failed: ${(error as Error)?.name ?? 'Error'}`);
      if (process.env.DENTAL_DEBUG) console.error(error);
      return { ok: false, error: new AppError('INTERNAL').value };
    }
  };
}

/**
 * The bound's word wins for a field both name (a NUL is an invisible
 * character, whatever shape the schema expected), except when both say the
 * text is too long: the schema knows the field's own limit and says it.
 */
function mergeRefusals(bounds: AppError | null, schema: AppError | null): AppError {
  const fields = { ...schema?.value.fields };
  const fieldParams = { ...schema?.value.fieldParams };
  for (const [path, key] of Object.entries(bounds?.value.fields ?? {})) {
    if (key === 'validation.tooLong' && fields[path] === 'validation.tooLongMax') continue;
    fields[path] = key;
    delete fieldParams[path];
  }
  return new AppError('VALIDATION', 'errors.VALIDATION', Object.keys(fieldParams).length > 0 ? { fields, fieldParams } : { fields });
}

function checkAccess(access: Access, session: Session | null): Session | null {
  if (access === 'public') return session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (access === 'locked-session') return session;
  if (session.locked) throw new AppError('SESSION_LOCKED');
  if (access !== 'session' && !roleHas(session.role, access.permission)) {
    throw new AppError('FORBIDDEN', undefined, { params: { permission: access.permission } });
  }
  return session;
}
