/**
 * Överflyttning's and Förstärkning's screens, one chunk loaded when the person first opens either (transfer-routes.tsx):
 * only regions' and Socialstyrelsen's coordinators use them, so the inbox's bundle stays as it was.
 */
import { Loader, VStack } from '@navikt/ds-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { NEW_TRANSFER_PATH, REINFORCEMENTS_PATH, TRANSFER_REPORT_PATH, TRANSFERS_PATH } from '../lib/transfer-paths';
import { NewTransfer } from './NewTransfer';
import { Reinforcement, Reinforcements } from './Reinforcements';
import { TransferRequest } from './TransferRequest';
import { Transfers } from './Transfers';

/** The report and its chart library load only when the report is opened (a chunk of its own, as Uppföljning). */
const TransferReport = lazy(() => import('./TransferReport'));

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const REQUEST = new RegExp(`^${TRANSFERS_PATH}/${UUID}$`, 'i');
const REINFORCEMENT = new RegExp(`^${REINFORCEMENTS_PATH}/${UUID}$`, 'i');

export default function TransferScreens({ path, navigate, notFound }: { path: string; navigate(path: string): void; notFound: ReactNode }) {
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
  return <>{notFound}</>;
}
