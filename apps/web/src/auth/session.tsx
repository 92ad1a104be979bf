import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
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

interface SessionContextValue {
  session: Session | null;
  api: ApiClient | null;
  /** Set after the API answered 401 (e.g. an expired token): the sign-in screen says why. */
  expired: boolean;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [expired, setExpired] = useState(false);
  const value = useMemo<SessionContextValue>(() => {
    const api = session
      ? createApiClient({
          token: session.token,
          onUnauthenticated: () => {
            setSession(null);
            setExpired(true);
          },
        })
      : null;
    return {
      session,
      api,
      expired,
      signIn: (next) => {
        setExpired(false);
        setSession(next);
      },
      signOut: () => {
        setExpired(false);
        setSession(null);
      },
    };
  }, [session, expired]);
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
