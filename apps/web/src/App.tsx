import { Theme } from '@navikt/ds-react';
import { InternalHeader, Spacer } from '@navikt/ds-react';
import { Loader } from '@navikt/ds-react';
import { lazy, Suspense, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { SessionProvider, useSession } from './auth/session';
import { INPATIENT_KINDS, OrganisationsProvider, useOrganisations } from './lib/organisations';
import { NavigationProvider, PATHS } from './lib/navigation';
import { countSignal, useTaskCount } from './lib/task-count';
import { CaseView } from './screens/Case';
import { Inbox } from './screens/Inbox';
import { NewDischarge } from './screens/NewDischarge';
import { Operations, OPERATIONS_PATH, seesOperations } from './screens/Operations';
import { FINANCE_NAV, financeScreen, financeSection } from './screens/finance-routes';
import { SignIn } from './screens/SignIn';
import { readsSituationReports, SITUATION_PATH } from './screens/SituationReports';
import { isSituationPath, situationScreen } from './screens/situation-routes';
import { TRANSFER_NAV, transferScreen, transferSection } from './screens/transfer-routes';
import { worksWithTransfers } from './lib/transfer-labels';
import './app.css';

/** The app's own paths; the API serves index.html for each of them, so a link or a reload lands on the screen. */
const ROUTES = { inbox: PATHS.inbox, newDischarge: PATHS.newDischarge } as const;
// The task screen carries the form library (@rjsf): loaded when a task is opened, so the inbox's bundle stays small.
const TaskScreen = lazy(() => import('./screens/Task').then((m) => ({ default: m.TaskScreen })));
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TASK_PATH = new RegExp(`^/uppgifter/(${UUID})$`, 'i');
const CASE_PATH = new RegExp(`^/arenden/(${UUID})$`, 'i');

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
  return session ? (
    <OrganisationsProvider key={session.token}>
      <Workspace />
    </OrganisationsProvider>
  ) : (
    <SignIn />
  );
}

function Workspace() {
  const { session, signOut } = useSession();
  const [path, navigate] = usePath();
  const { api } = useSession();
  const count = useTaskCount(api!);
  const organisations = useOrganisations();
  if (!session) return null;

  const link = (to: string) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(to);
  };
  const hospital = INPATIENT_KINDS.includes(organisations.byCode.get(session.organisationCode)?.kind ?? '') && session.roles.includes('case_handler');
  // Lägesbild: for the organisations that report or read situation reports (the API's SITUATION_REPORTS remit).
  const situation = readsSituationReports(organisations.byCode.get(session.organisationCode)?.kind, session.roles);
  // Överflyttning and Förstärkning: the regions' coordinators and Socialstyrelsen's (the coordination function).
  const transfers = worksWithTransfers(organisations.byCode.get(session.organisationCode)?.kind, session.organisationCode, session.roles);
  // Drift: HSF's operators (stuck and failing cases).
  const operations = seesOperations(session.organisationCode, session.roles);
  const openCount = count ? String(count.open) : null;
  let screen: ReactNode;
  const task = TASK_PATH.exec(path);
  const kase = CASE_PATH.exec(path);
  if (path === '/' || path === ROUTES.inbox) screen = <Inbox refresh={countSignal(count)} />;
  else if (task)
    screen = (
      <Suspense fallback={<Loader title="Hämtar uppgiften" />}>
        <TaskScreen key={task[1]} taskId={task[1].toLowerCase()} />
      </Suspense>
    );
  else if (kase) screen = <CaseView key={kase[1]} caseId={kase[1].toLowerCase()} />;
  else if (path === ROUTES.newDischarge) screen = <NewDischarge />;
  else if (path === OPERATIONS_PATH && operations) screen = <Operations />;
  else screen = financeScreen(path, navigate) ?? situationScreen(path, navigate) ?? transferScreen(path, navigate, <NotFound />) ?? <NotFound />;
  return (
    <NavigationProvider navigate={navigate}>
      <InternalHeader>
        <InternalHeader.Title as="a" href={ROUTES.inbox} onClick={link(ROUTES.inbox)}>
          vardflode
        </InternalHeader.Title>
        <nav aria-label="Huvudmeny" className="app-nav">
          <a href={ROUTES.inbox} onClick={link(ROUTES.inbox)} aria-current={path === ROUTES.inbox || path === '/' ? 'page' : undefined}>
            Inkorg{openCount !== null && <span className="app-count" aria-label={`${openCount} öppna uppgifter`}>{openCount}</span>}
          </a>
          {hospital && (
            <a href={ROUTES.newDischarge} onClick={link(ROUTES.newDischarge)} aria-current={path === ROUTES.newDischarge ? 'page' : undefined}>
              Ny utskrivning
            </a>
          )}
          {situation && (
            <a href={SITUATION_PATH} onClick={link(SITUATION_PATH)} aria-current={isSituationPath(path) ? 'page' : undefined}>
              Lägesbild
            </a>
          )}
          {transfers &&
            TRANSFER_NAV.map((n) => (
              <a key={n.path} href={n.path} onClick={link(n.path)} aria-current={transferSection(path) === n.path ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          {operations && (
            <a href={OPERATIONS_PATH} onClick={link(OPERATIONS_PATH)} aria-current={path === OPERATIONS_PATH ? 'page' : undefined}>
              Drift
            </a>
          )}
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
    </NavigationProvider>
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
