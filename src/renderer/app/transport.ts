import type { DentalBridge } from '../../shared/contract/bridge';
import { HTTP } from '../../shared/contract/bridge';
import { AppError, CALL_NAMES, contractEvents } from '../../shared/contract';
import type { CallName, CallResult, ContractClient, EventName, EventPayload } from '../../shared/contract';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload through contextBridge. */
    dental?: DentalBridge;
  }
}

export type ContractEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export type EventListener = (event: ContractEvent) => void;

export interface Transport {
  client: ContractClient;
  /** Subscribes to main's pushes; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}

const TOKEN_KEY = 'dental.launchToken';

/** Picks the Electron bridge when the preload exposed one, otherwise the browser host over HTTP. */
export function createTransport(): Transport {
  const bridge = window.dental;
  return bridge ? bridgeTransport(bridge) : httpTransport(takeLaunchToken());
}

function buildClient(invoke: (name: CallName, input: unknown) => Promise<unknown>): ContractClient {
  const entries = CALL_NAMES.map((name) => [name, (input: unknown) => invoke(name, input)] as const);
  return Object.fromEntries(entries) as unknown as ContractClient;
}

function unwrap(result: CallResult<unknown>): unknown {
  if (result.ok) return result.value;
  throw AppError.from(result.error);
}

/** Drops pushes this build does not know or whose payload does not match, rather than guessing. */
function parseEvent(name: string, payload: unknown): ContractEvent | null {
  if (!(name in contractEvents)) return null;
  const parsed = contractEvents[name as EventName].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as ContractEvent) : null;
}

function bridgeTransport(bridge: DentalBridge): Transport {
  return {
    client: buildClient(async (name, input) => {
      let result: CallResult<unknown>;
      try {
        result = await bridge.api[name](input);
      } catch {
        // Only a broken IPC channel throws here; handlers always answer with a CallResult.
        throw new AppError('INTERNAL', 'errors.NETWORK');
      }
      return unwrap(result);
    }),
    onEvent(listener) {
      return bridge.onEvent((name, payload) => {
        const event = parseEvent(name, payload);
        if (event) listener(event);
      });
    },
  };
}

/**
 * The browser host hands the per-launch token in the URL fragment, which never
 * reaches a server log. It is moved to sessionStorage at once and removed from
 * the address bar, so a reload keeps working and the token is not bookmarked.
 */
function takeLaunchToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    const url = window.location.pathname + window.location.search + (rest ? `#${rest}` : '');
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function isCallResult(body: unknown): body is CallResult<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

function httpTransport(token: string | null): Transport {
  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;

  const connect = () => {
    if (!token) return;
    source = new EventSource(`${HTTP.eventsPath}?token=${encodeURIComponent(token)}`);
    for (const name of Object.keys(contractEvents)) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        const event = parseEvent(name, payload);
        if (event) for (const listener of listeners) listener(event);
      });
    }
  };

  return {
    client: buildClient(async (name, input) => {
      if (!token) throw new AppError('UNAUTHENTICATED', 'errors.LAUNCH_TOKEN');
      let response: Response;
      try {
        response = await fetch(HTTP.callPath(name), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP.tokenHeader]: token },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        throw new AppError('INTERNAL', 'errors.NETWORK');
      }
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        // Fall through: a proxy or a crashed host may answer with HTML or nothing.
      }
      if (isCallResult(body)) return unwrap(body);
      if (response.status === 401 || response.status === 403) {
        throw new AppError('UNAUTHENTICATED', 'errors.LAUNCH_TOKEN');
      }
      throw new AppError('INTERNAL', 'errors.BAD_RESPONSE');
    }),
    onEvent(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
