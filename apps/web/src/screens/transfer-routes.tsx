import { Loader, VStack } from '@navikt/ds-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { NewTransfer } from './NewTransfer';
import { Reinforcement, Reinforcements, REINFORCEMENTS_PATH } from './Reinforcements';
import { TransferRequest } from './TransferRequest';
import { NEW_TRANSFER_PATH, TRANSFER_REPORT_PATH, Transfers, TRANSFERS_PATH } from './Transfers';

/** The report and its chart library load only when the report is opened (a chunk of its own, as Uppföljning). */
const TransferReport = lazy(() => import('./TransferReport'));

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const REQUEST = new RegExp(`^${TRANSFERS_PATH}/${UUID}$`, 'i');
const REINFORCEMENT = new RegExp(`^${REINFORCEMENTS_PATH}/${UUID}$`, 'i');

/** Överflyttning's and Förstärkning's screens for a path, or null when the path is not one of theirs. */
export function transferScreen(path: string, navigate: (path: string) => void): ReactNode | null {
  if (path === TRANSFERS_PATH) return <Transfers navigate={navigate} />;
  if (path === NEW_TRANSFER_PATH) return <NewTransfer navigate={navigate} />;
  if (path === REINFORCEMENTS_PATH) return <Reinforcements navigate={navigate} />;
  if (path === TRANSFER_REPORT_PATH) {
    return (
      <Suspense
        fallback={
          <VStack as="main" padding="space-24">
            <Loader title="Hämtar rapporten" />
          </VStack>
        }
      >
        <TransferReport navigate={navigate} />
      </Suspense>
    );
  }
  const request = REQUEST.exec(path);
  if (request) return <TransferRequest key={request[1]} requestId={request[1].toLowerCase()} navigate={navigate} />;
  const reinforcement = REINFORCEMENT.exec(path);
  if (reinforcement) return <Reinforcement key={reinforcement[1]} requestId={reinforcement[1].toLowerCase()} navigate={navigate} />;
  return null;
}

/** The menu entries of transfers and reinforcement, and which of them a path is in. */
export const TRANSFER_NAV = [
  { path: TRANSFERS_PATH, label: 'Överflyttning' },
  { path: REINFORCEMENTS_PATH, label: 'Förstärkning' },
] as const;
export const transferSection = (path: string) => TRANSFER_NAV.find((n) => path === n.path || path.startsWith(`${n.path}/`))?.path ?? null;
