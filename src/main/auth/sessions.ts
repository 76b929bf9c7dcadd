import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/auth/roles';

/**
 * Signed-in sessions live only in main's memory, one per connection (an
 * Electron window, or a browser tab of the browser host). The renderer holds
 * no token it could leak.
 */
export interface Session {
  id: string;
  userId: string;
  role: Role;
  locked: boolean;
  lastActivityMs: number;
}

export type SessionChange = 'locked' | 'signed-out' | 'unlocked';

export class SessionRegistry {
  private readonly byConnection = new Map<string, Session>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleLockMs: () => number,
    private readonly onChange: (connectionId: string, change: SessionChange) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(connectionId: string, user: { id: string; role: Role }): Session {
    const session: Session = { id: randomUUID(), userId: user.id, role: user.role, locked: false, lastActivityMs: this.now() };
    this.byConnection.set(connectionId, session);
    return session;
  }

  /** The connection's session, locked first if it has been idle too long. */
  get(connectionId: string): Session | null {
    const session = this.byConnection.get(connectionId);
    if (!session) return null;
    this.lockIfIdle(connectionId, session);
    return session;
  }

  touch(session: Session): void {
    if (!session.locked) session.lastActivityMs = this.now();
  }

  lock(connectionId: string): void {
    const session = this.byConnection.get(connectionId);
    if (session && !session.locked) {
      session.locked = true;
      this.onChange(connectionId, 'locked');
    }
  }

  /** A new id as well: whatever learnt the locked session's id learns nothing about the unlocked one. */
  unlock(session: Session): void {
    session.locked = false;
    session.lastActivityMs = this.now();
    session.id = randomUUID();
  }

  /** Moves a connection's session to a new connection id, under a new session id. */
  rekey(from: string, to: string): void {
    const session = this.byConnection.get(from);
    if (!session) return;
    this.byConnection.delete(from);
    session.id = randomUUID();
    this.byConnection.set(to, session);
  }

  end(connectionId: string): void {
    if (this.byConnection.delete(connectionId)) this.onChange(connectionId, 'signed-out');
  }

  /** Ends every session of a user, e.g. when an admin turns the account off. */
  endUser(userId: string, keepConnectionId?: string): void {
    for (const [connectionId, session] of this.byConnection) if (session.userId === userId && connectionId !== keepConnectionId) this.end(connectionId);
  }

  /** Locks idle sessions even if their renderer has gone quiet (a crashed tab, a frozen window). */
  startSweeping(intervalMs = 15_000): void {
    this.sweepTimer = setInterval(() => {
      for (const [connectionId, session] of this.byConnection) this.lockIfIdle(connectionId, session);
    }, intervalMs);
    this.sweepTimer.unref();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.byConnection.clear();
  }

  private lockIfIdle(connectionId: string, session: Session): void {
    if (!session.locked && this.now() - session.lastActivityMs >= this.idleLockMs()) this.lock(connectionId);
  }
}
