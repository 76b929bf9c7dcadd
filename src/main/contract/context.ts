import type { CallName, CallOutput, ParsedInput } from '../../shared/contract';
import type { Session } from '../auth/sessions';
import type { Actor, Store } from '../store/store';

/** What a handler knows about the call it is serving. */
export interface CallContext {
  connectionId: string;
  /** Present for every access level but `public`. */
  session: Session | null;
  actor: Actor;
  /** The open practice store; throws DATABASE_CLOSED or NOT_SET_UP if there is none. */
  store(): Store;
}

export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext) => Promise<CallOutput<N>>;
export type Handlers = { [N in CallName]: Handler<N> };
export type HandlerGroup<K extends CallName> = { [N in K]: Handler<N> };

/** The session of a call whose access level guarantees one. */
export function requireSession(ctx: CallContext): Session {
  if (!ctx.session) throw new Error('Handler reached without a session');
  return ctx.session;
}
