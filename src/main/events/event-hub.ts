import type { EventName, EventPayload } from '../../shared/contract/events';
import { contractEvents } from '../../shared/contract/events';

type Listener = (name: EventName, payload: unknown) => void;

/** Delivers main's pushes to the connection they concern, validated like call outputs. */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(connectionId: string, listener: Listener): () => void {
    let set = this.listeners.get(connectionId);
    if (!set) this.listeners.set(connectionId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** A connection's listeners follow it to its new id (see AppCore.renewConnection). */
  rekey(from: string, to: string): void {
    const moving = this.listeners.get(from);
    if (!moving) return;
    this.listeners.delete(from);
    const staying = this.listeners.get(to);
    if (staying) for (const listener of moving) staying.add(listener);
    else this.listeners.set(to, moving);
  }

  unsubscribeAll(connectionId: string): void {
    this.listeners.delete(connectionId);
  }

  /** To every open window: for news about the practice itself, not one session. */
  emitAll<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const connectionId of this.listeners.keys()) this.emit(connectionId, name, payload);
  }

  /** To every open window, each getting the payload its connection may see. */
  emitEach<E extends EventName>(name: E, payloadFor: (connectionId: string) => EventPayload<E>): void {
    for (const connectionId of this.listeners.keys()) this.emit(connectionId, name, payloadFor(connectionId));
  }

  emit<E extends EventName>(connectionId: string, name: E, payload: EventPayload<E>): void {
    const value = contractEvents[name].parse(payload);
    for (const listener of this.listeners.get(connectionId) ?? []) listener(name, value);
  }
}
