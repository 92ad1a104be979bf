import { Theme } from '@navikt/ds-react';
import { InternalHeader, Spacer } from '@navikt/ds-react';
import { useEffect, useState, type MouseEvent } from 'react';
import { SessionProvider, useSession } from './auth/session';
import { Inbox } from './screens/Inbox';
import { FINANCE_NAV, financeScreen, financeSection } from './screens/finance-routes';
import { SignIn } from './screens/SignIn';
import './app.css';

/** The app's own paths; the API serves index.html for each of them, so a link or a reload lands on the screen. */
const ROUTES = { inbox: '/inkorg' } as const;

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (next: string) => {
    if (next !== window.location.pathname) window.history.pushState(null, '', next);
    setPath(next);
  };
  return [path, navigate];
}

function Shell() {
  const { session } = useSession();
  // A new person's screens start afresh (keyed by token): nothing of the previous session's state remains.
  return session ? <Workspace key={session.token} /> : <SignIn />;
}

function Workspace() {
  const { session, signOut } = useSession();
  const [path, navigate] = usePath();
  const [openCount, setOpenCount] = useState<string | null>(null);
  if (!session) return null;

  const link = (to: string) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(to);
  };
  const screen = path === '/' || path === ROUTES.inbox ? <Inbox onOpenCount={setOpenCount} /> : (financeScreen(path, navigate) ?? <NotFound />);
  return (
    <>
      <InternalHeader>
        <InternalHeader.Title as="a" href={ROUTES.inbox} onClick={link(ROUTES.inbox)}>
          vardflode
        </InternalHeader.Title>
        <nav aria-label="Huvudmeny" className="app-nav">
          <a href={ROUTES.inbox} onClick={link(ROUTES.inbox)} aria-current={path === ROUTES.inbox || path === '/' ? 'page' : undefined}>
            Inkorg{openCount !== null && <span className="app-count" aria-label={`${openCount} öppna uppgifter`}>{openCount}</span>}
          </a>
          {FINANCE_NAV.map((n) => (
            <a key={n.path} href={n.path} onClick={link(n.path)} aria-current={financeSection(path) === n.path ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <Spacer />
        <InternalHeader.User name={session.name} description={session.organisationName} />
        <InternalHeader.Button onClick={signOut}>Logga ut</InternalHeader.Button>
      </InternalHeader>
      {screen}
    </>
  );
}

function NotFound() {
  return (
    <main className="app-main">
      <h1>Sidan finns inte</h1>
    </main>
  );
}

export function App() {
  return (
    <Theme theme="light">
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </Theme>
  );
}
