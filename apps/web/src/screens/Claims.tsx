import { Alert, BodyShort, Button, Heading, HStack, Loader, Table, Tag, VStack } from '@navikt/ds-react';
import { useEffect, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { CLAIM_STATUS_LABELS } from '../lib/finance-labels';
import { calendarDate, kronor } from '../lib/money';
import { PATHS } from '../lib/navigation';

type ClaimListItem = Schemas['ClaimListItemDto'];
type Mandate = Schemas['MandateDto'];

export const CLAIMS_PATH = '/ersattning';
export const NEW_CLAIM_PATH = '/ersattning/ny';
export const claimPath = PATHS.claim;
/** Claims a page: the newest first, "Visa fler" for the next page. */
export const CLAIMS_PAGE_SIZE = 50;

/** Ersättning: the claims of the person's organisation, newest first; SLSO opens a new one here. */
export function Claims({ navigate }: { navigate(path: string): void }) {
  const { api, session } = useApi();
  const [claims, setClaims] = useState<ClaimListItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [mandates, setMandates] = useState<Mandate[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const [list, ms] = await Promise.all([
        api.GET('/claims', { params: { query: { limit: CLAIMS_PAGE_SIZE } }, signal: controller.signal }),
        api.GET('/mandates', { signal: controller.signal }),
      ]);
      if (controller.signal.aborted) return;
      if (list.error || !list.data) return setFailed(true);
      setClaims(list.data.items);
      setNextCursor(list.data.nextCursor);
      setMandates(ms.data ?? []);
    })().catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api]);

  const showMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const { data, error } = await api.GET('/claims', { params: { query: { limit: CLAIMS_PAGE_SIZE, cursor: nextCursor } } });
      if (error || !data) return setFailed(true);
      setClaims((shown) => [...(shown ?? []), ...data.items]);
      setNextCursor(data.nextCursor);
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };

  const mayOpen = session.roles.includes('case_handler') && mandates.some((m) => m.payeeOrg === session.organisationCode);
  return (
    <VStack gap="space-16" as="main" padding="space-24">
      <HStack justify="space-between" align="center">
        <Heading level="1" size="large">
          Ersättning
        </Heading>
        {mayOpen && (
          <Button as="a" href={NEW_CLAIM_PATH} onClick={(e: React.MouseEvent) => (e.preventDefault(), navigate(NEW_CLAIM_PATH))}>
            Nytt ersättningsanspråk
          </Button>
        )}
      </HStack>
      {failed && <Alert variant="warning">Kunde inte hämta anspråken. Ladda om sidan om en stund.</Alert>}
      {!claims && !failed && <Loader title="Hämtar anspråk" />}
      {claims && claims.length === 0 && <BodyShort>Inga ersättningsanspråk för din organisation.</BodyShort>}
      {claims && claims.length > 0 && (
        <Table zebraStripes>
          <caption>Ersättningsanspråk, nyaste först</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Anspråk</Table.HeaderCell>
              <Table.HeaderCell scope="col">Period</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Begärt</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Godkänt</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Utbetalt</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {claims.map((c) => (
              <Table.Row key={c.claimId}>
                <Table.DataCell>
                  <AppLink to={claimPath(c.claimId)} navigate={navigate}>
                    {c.mandateReference}, version {c.revision}
                  </AppLink>
                </Table.DataCell>
                <Table.DataCell>
                  {calendarDate(c.periodFrom)} – {calendarDate(c.periodTo)}
                </Table.DataCell>
                <Table.DataCell>
                  <Tag size="small" variant="neutral">
                    {CLAIM_STATUS_LABELS[c.status]}
                  </Tag>
                </Table.DataCell>
                <Table.DataCell align="right">{kronor(c.claimedOre)}</Table.DataCell>
                <Table.DataCell align="right">{c.approvedOre === null ? '–' : kronor(c.approvedOre)}</Table.DataCell>
                <Table.DataCell align="right">{c.paidOre === null ? '–' : kronor(c.paidOre)}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {claims && nextCursor && (
        <HStack>
          <Button variant="secondary" loading={loadingMore} onClick={() => void showMore()}>
            Visa fler anspråk
          </Button>
        </HStack>
      )}
    </VStack>
  );
}
