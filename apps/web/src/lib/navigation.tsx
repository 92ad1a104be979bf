import { Link } from '@navikt/ds-react';
import { createContext, useContext, type MouseEvent, type ReactNode } from 'react';

/** The app's own paths. Ids only: never a personnummer or a name in a URL. */
export const PATHS = {
  inbox: '/inkorg',
  task: (taskId: string) => `/uppgifter/${taskId}`,
  case: (caseId: string) => `/arenden/${caseId}`,
  /** A reimbursement claim's own screen (Ersättning): the claim's id is its case's id. */
  claim: (claimId: string) => `/ersattning/${claimId}`,
  newDischarge: '/ny-utskrivning',
  /** A situation-report round's Lägesbild: the round's id is its case's id. */
  situationRound: (roundId: string) => `/lagesbild/${roundId}`,
} as const;

/** Where a case is worked: a reimbursement claim on its Ersättning screen, a reporting round on Lägesbild, any other case on Ärende. */
export function caseScreenPath(caseType: string, caseId: string): string {
  if (caseType === 'reimbursement_claim') return PATHS.claim(caseId);
  if (caseType === 'situation_report_round') return PATHS.situationRound(caseId);
  return PATHS.case(caseId);
}

const NavigationContext = createContext<(path: string) => void>(() => undefined);

export function NavigationProvider({ navigate, children }: { navigate(path: string): void; children: ReactNode }) {
  return <NavigationContext.Provider value={navigate}>{children}</NavigationContext.Provider>;
}

/** Moves to another screen of the app without a reload (pushState). */
export function useNavigate(): (path: string) => void {
  return useContext(NavigationContext);
}

/** A link to a screen of the app: a real <a href> (opens in a new tab too), followed without a reload. */
export function AppLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const navigate = useNavigate();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} onClick={follow} className={className}>
      {children}
    </Link>
  );
}
