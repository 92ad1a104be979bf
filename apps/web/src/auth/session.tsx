import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';

/**
 * The signed-in person. Held in React state only: never in localStorage, sessionStorage, a cookie or a URL, so a
 * reload or a closed tab signs out, and no script of another page can read the token from storage.
 */
export interface Session {
  token: string;
  personId: string;
  name: string;
  organisationCode: string;
  organisationName: string;
  roles: string[];
  expiresAt: string;
}

/**
 * Half-filled forms, kept across an expired session (in memory only: never in storage). A form registers its values
 * under a key (`useDraft`); when the API answers 401 the screens give way to the sign-in, and when the same person
 * signs in again the form comes back with its values. Signing out, or another person signing in, drops them all.
 */
export class DraftStore {
  private readonly drafts = new Map<string, unknown>();
  /** The person whose drafts these are. */
  owner: string | null = null;

  get<T>(key: string): T | undefined {
    return this.drafts.get(key) as T | undefined;
  }
  set(key: string, value: unknown): void {
    this.drafts.set(key, value);
  }
  delete(key: string): void {
    this.drafts.delete(key);
  }
  /** Drops a form's drafts: the key `form` and every `form:…` (a form that keeps one draft per field). */
  discard(form: string): void {
    for (const key of [...this.drafts.keys()]) if (key === form || key.startsWith(`${form}:`)) this.drafts.delete(key);
  }
  clear(): void {
    this.drafts.clear();
  }
  get size(): number {
    return this.drafts.size;
  }
  /** At sign-in: the drafts stay for the same person, and go for anyone else. */
  handOver(personId: string): void {
    if (this.owner !== personId) this.clear();
    this.owner = personId;
  }
}

interface SessionContextValue {
  session: Session | null;
  api: ApiClient | null;
  /** Set after the API answered 401 (e.g. an expired token): the sign-in screen says why. */
  expired: boolean;
  drafts: DraftStore;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [expired, setExpired] = useState(false);
  const drafts = useRef(new DraftStore()).current;
  const value = useMemo<SessionContextValue>(() => {
    const api = session
      ? createApiClient({
          token: session.token,
          onUnauthenticated: () => {
            // The drafts stay: the same person signing in again finds their half-filled forms.
            setSession(null);
            setExpired(true);
          },
        })
      : null;
    return {
      session,
      api,
      expired,
      drafts,
      signIn: (next) => {
        drafts.handOver(next.personId);
        setExpired(false);
        setSession(next);
      },
      signOut: () => {
        drafts.clear();
        drafts.owner = null;
        setExpired(false);
        setSession(null);
      },
    };
  }, [session, expired, drafts]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The API client of a signed-in screen. */
export function useApi(): { api: ApiClient; session: Session } {
  const { api, session } = useSession();
  if (!api || !session) throw new Error('useApi on a screen that needs no sign-in');
  return { api, session };
}

/**
 * A form's values that survive an expired session: like useState, but kept in the session's draft store under
 * `key` (one per form, e.g. `uppgift:${taskId}`, or one per field, 'ny-utskrivning:personnummer'). Once the form is
 * sent, `discard()` drops this draft, or `drafts.discard('ny-utskrivning')` the form's.
 */
export function useDraft<T>(key: string, initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void, () => void] {
  const { drafts } = useSession();
  const [value, setValue] = useState<T>(() => {
    const kept = drafts.get<T>(key);
    if (kept !== undefined) return kept;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  const current = useRef(value);
  current.current = value;
  const update = useCallback(
    (next: T | ((previous: T) => T)) => {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(current.current) : next;
      current.current = resolved;
      drafts.set(key, resolved);
      setValue(resolved);
    },
    [drafts, key],
  );
  const discard = useCallback(() => drafts.delete(key), [drafts, key]);
  return [value, update, discard];
}
