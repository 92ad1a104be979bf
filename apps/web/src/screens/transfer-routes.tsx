import { Loader, VStack } from '@navikt/ds-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { REINFORCEMENTS_PATH, TRANSFERS_PATH } from '../lib/transfer-paths';

/** Överflyttning's and Förstärkning's screens: a chunk of their own, loaded when one of them is first opened. */
const TransferScreens = lazy(() => import('./transfer-screens'));

/** The menu entries of transfers and reinforcement, and which of them a path is in. */
export const TRANSFER_NAV = [
  { path: TRANSFERS_PATH, label: 'Överflyttning' },
  { path: REINFORCEMENTS_PATH, label: 'Förstärkning' },
] as const;
export const transferSection = (path: string) => TRANSFER_NAV.find((n) => path === n.path || path.startsWith(`${n.path}/`))?.path ?? null;

/**
 * The section's screen for a path, or null when the path is not in it. A path in the section that names no screen
 * (`/overflyttning/x`) gets the section's chunk, which shows nothing but the app's "Sidan finns inte".
 */
export function transferScreen(path: string, navigate: (path: string) => void, notFound: ReactNode): ReactNode | null {
  if (!transferSection(path)) return null;
  return (
    <Suspense
      fallback={
        <VStack as="main" padding="space-24">
          <Loader title="Hämtar sidan" />
        </VStack>
      }
    >
      <TransferScreens key={path} path={path} navigate={navigate} notFound={notFound} />
    </Suspense>
  );
}
