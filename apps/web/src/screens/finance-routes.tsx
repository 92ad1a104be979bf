import { Loader, VStack } from '@navikt/ds-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { Claim } from './Claim';
import { Claims, CLAIMS_PATH, NEW_CLAIM_PATH } from './Claims';
import { Coordination, COORDINATION_PATH } from './Coordination';
import { NewClaim } from './NewClaim';
import { STATISTICS_PATH } from './statistics-path';

/** Uppföljning and its chart library load only when the screen is opened (a chunk of its own). */
const Statistics = lazy(() => import('./Statistics'));

/** Ersättning, Samordning and Uppföljning in the main menu. */
export const FINANCE_NAV = [
  { path: CLAIMS_PATH, label: 'Ersättning' },
  { path: COORDINATION_PATH, label: 'Samordning' },
  { path: STATISTICS_PATH, label: 'Uppföljning' },
] as const;

const CLAIM = /^\/ersattning\/([0-9a-f-]{36})$/i;

/** The screen of a path of these three, or null when the path is not one of theirs. */
export function financeScreen(path: string, navigate: (path: string) => void): ReactNode | null {
  if (path === CLAIMS_PATH) return <Claims navigate={navigate} />;
  if (path === NEW_CLAIM_PATH) return <NewClaim navigate={navigate} />;
  const claim = CLAIM.exec(path);
  if (claim) return <Claim key={claim[1]} claimId={claim[1]} navigate={navigate} />;
  if (path === COORDINATION_PATH) return <Coordination />;
  if (path === STATISTICS_PATH) {
    return (
      <Suspense
        fallback={
          <VStack as="main" padding="space-24">
            <Loader title="Hämtar Uppföljning" />
          </VStack>
        }
      >
        <Statistics />
      </Suspense>
    );
  }
  return null;
}

/** The menu entry a path belongs to (a claim belongs to Ersättning). */
export const financeSection = (path: string) => FINANCE_NAV.find((n) => path === n.path || path.startsWith(`${n.path}/`))?.path;
