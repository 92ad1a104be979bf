import { Loader, VStack } from '@navikt/ds-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { SITUATION_PATH, SituationReports } from './SituationReports';

/** A round's picture and its chart library load only when a round is opened (a chunk of its own, as Uppföljning). */
const SituationRound = lazy(() => import('./SituationRound'));

const ROUND = /^\/lagesbild\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Lägesbild's screen for a path, or null when the path is not one of its. */
export function situationScreen(path: string, navigate: (path: string) => void): ReactNode | null {
  if (path === SITUATION_PATH) return <SituationReports navigate={navigate} />;
  const round = ROUND.exec(path);
  if (!round) return null;
  return (
    <Suspense
      fallback={
        <VStack as="main" padding="space-24">
          <Loader title="Hämtar lägesbilden" />
        </VStack>
      }
    >
      <SituationRound key={round[1]} roundId={round[1].toLowerCase()} navigate={navigate} />
    </Suspense>
  );
}

/** Whether a path is in Lägesbild (its menu entry is then the current one). */
export const isSituationPath = (path: string) => path === SITUATION_PATH || path.startsWith(`${SITUATION_PATH}/`);
