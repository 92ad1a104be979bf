/**
 * Överflyttning (issue 15): a region's coordinators see their transfer requests (sent, and offered to them), ask for
 * a new one and keep their declared free beds per care level up to date; Socialstyrelsen's coordinators see every
 * request they coordinate, every region's declared beds, and reach "Rapport till regeringen".
 */
import { Alert, BodyShort, Button, Heading, HStack, Loader, Table, Tag, TextField, VStack } from '@navikt/ds-react';
import { useCallback, useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { readError } from '../lib/api-errors';
import { shortCaseId, stockholmDateTime } from '../lib/case-texts';
import { NEW_TRANSFER_PATH, TRANSFER_REPORT_PATH, transferPath } from '../lib/transfer-paths';
import { useOrganisations } from '../lib/organisations';
import { bedsText, CARE_LEVEL_LABELS, CARE_LEVELS, COORDINATOR_ORG, TRANSFER_STATUS_LABELS, wholeNumber, type CareLevel } from '../lib/transfer-labels';
import { usePagedList } from '../lib/paged-list';

type CaseItem = Schemas['CaseListItemDto'];
type CapacityRow = Schemas['CapacityRowDto'];

/** Requests a page: the newest first, "Visa fler" for the next page. */
export const CASES_PAGE_SIZE = 50;

const STATUS_COLOR: Record<string, 'info' | 'success' | 'neutral' | 'warning' | 'danger'> = {
  matching: 'info',
  offering: 'info',
  escalated: 'warning',
  transport: 'info',
  departed: 'info',
  arrived: 'info',
  admitted: 'success',
  cancelled: 'neutral',
  closed: 'neutral',
  requested: 'info',
  allocated: 'success',
  declined: 'neutral',
};
export const statusColor = (status: string) => STATUS_COLOR[status] ?? 'neutral';

/** The cases of one type the organisation is party to, newest first, a page at a time (`GET /cases`). */
export function useCasePage(type: 'patient_transfer' | 'reinforcement_request', refresh = 0) {
  const { api } = useApi();
  const load = useCallback(
    (cursor?: string, signal?: AbortSignal) => api.GET('/cases', { params: { query: { type, limit: CASES_PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, signal }),
    [api, type],
  );
  return usePagedList<CaseItem>(load, refresh);
}

const go = (navigate: (path: string) => void, to: string) => (e: MouseEvent) => {
  e.preventDefault();
  navigate(to);
};

export function Transfers({ navigate }: { navigate(path: string): void }) {
  const { session } = useApi();
  const { name } = useOrganisations();
  const coordination = session.organisationCode === COORDINATOR_ORG;
  const { items, nextCursor, loadingMore, failed, showMore } = useCasePage('patient_transfer');
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  return (
    <VStack gap="space-24" as="main" padding="space-24">
      <HStack justify="space-between" align="center" gap="space-16">
        <Heading level="1" size="large">
          Överflyttning
        </Heading>
        <HStack gap="space-12">
          {coordination && (
            <Button variant="secondary" as="a" href={TRANSFER_REPORT_PATH} onClick={go(navigate, TRANSFER_REPORT_PATH)}>
              Rapport till regeringen
            </Button>
          )}
          {!coordination && (
            <Button as="a" href={NEW_TRANSFER_PATH} onClick={go(navigate, NEW_TRANSFER_PATH)}>
              Begär överflyttning
            </Button>
          )}
        </HStack>
      </HStack>
      <BodyShort>
        {coordination
          ? 'Socialstyrelsen samordnar överflyttningar av patienter mellan regioner: förslag på mottagande regioner godkänns i Inkorgen.'
          : 'Överflyttning av patienter till en annan region när er region inte har plats. Socialstyrelsen samordnar, och den första region som accepterar tar emot.'}
      </BodyShort>

      <VStack gap="space-8">
        <Heading level="2" size="medium">
          {coordination ? 'Begäranden' : 'Er regions begäranden och erbjudanden'}
        </Heading>
        {failed && <Alert variant="warning">Kunde inte hämta begärandena. Ladda om sidan om en stund.</Alert>}
        {!items && !failed && <Loader title="Hämtar begäranden" />}
        {items && items.length === 0 && <BodyShort>Inga överflyttningar för din organisation.</BodyShort>}
        {items && items.length > 0 && (
          <Table zebraStripes>
            <caption>Överflyttningar, nyaste först</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Begäran</Table.HeaderCell>
                <Table.HeaderCell scope="col">Från</Table.HeaderCell>
                <Table.HeaderCell scope="col">Till</Table.HeaderCell>
                <Table.HeaderCell scope="col">Platser</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Begärd</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {items.map((c) => (
                <Table.Row key={c.id}>
                  <Table.HeaderCell scope="row">
                    <AppLink to={transferPath(c.id)} navigate={navigate}>
                      {shortCaseId(c.id)}
                    </AppLink>
                  </Table.HeaderCell>
                  <Table.DataCell>{name(text(c.summary.sendingRegion))}</Table.DataCell>
                  <Table.DataCell>{c.summary.receivingRegion ? name(text(c.summary.receivingRegion)) : '–'}</Table.DataCell>
                  <Table.DataCell>{bedsText(c.summary.beds as Record<string, number> | undefined)}</Table.DataCell>
                  <Table.DataCell>
                    <Tag size="small" variant="moderate" data-color={statusColor(c.status)}>
                      {TRANSFER_STATUS_LABELS[c.status as keyof typeof TRANSFER_STATUS_LABELS] ?? c.status}
                    </Tag>
                  </Table.DataCell>
                  <Table.DataCell>{stockholmDateTime(c.createdAt)}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {items && nextCursor && (
          <HStack>
            <Button variant="secondary" loading={loadingMore} onClick={() => void showMore()}>
              Visa fler begäranden
            </Button>
          </HStack>
        )}
      </VStack>

      {coordination ? <AllCapacity /> : <OwnCapacity />}
    </VStack>
  );
}

/** A region's declared free beds per care level for transfers, editable (never below what is reserved). */
function OwnCapacity() {
  const { api } = useApi();
  const [rows, setRows] = useState<CapacityRow[] | null>(null);
  const [typed, setTyped] = useState<Record<CareLevel, string>>({ icu_ventilator: '', icu: '', inpatient: '' });
  const [errors, setErrors] = useState<Partial<Record<CareLevel, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const show = (list: CapacityRow[]) => {
    setRows(list);
    const next = { icu_ventilator: '', icu: '', inpatient: '' };
    for (const l of CARE_LEVELS) next[l] = String(list.find((r) => r.careLevel === l)?.beds ?? 0);
    setTyped(next);
  };

  useEffect(() => {
    const controller = new AbortController();
    void api
      .GET('/transfers/capacity', { signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && (data ? show(data) : setFailed(true)))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api]);

  const rowOf = (l: CareLevel) => rows?.find((r) => r.careLevel === l);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    const found: Partial<Record<CareLevel, string>> = {};
    const changes: [CareLevel, number][] = [];
    for (const l of CARE_LEVELS) {
      const beds = wholeNumber(typed[l], 0, 10_000);
      if (beds === null) found[l] = 'Ange ett heltal från 0 till 10 000.';
      else if (beds < (rowOf(l)?.reserved ?? 0)) found[l] = `Minst ${rowOf(l)?.reserved}: så många platser är reserverade för överflyttningar på väg.`;
      else if (beds !== (rowOf(l)?.beds ?? 0) || !rowOf(l)) changes.push([l, beds]);
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const atFields: Partial<Record<CareLevel, string>> = {};
      for (const [careLevel, beds] of changes) {
        const { error, response } = await api.PUT('/transfers/capacity/{careLevel}', { params: { path: { careLevel } }, body: { beds } });
        if (error) {
          const e = readError(response.status, error);
          atFields[careLevel] = e.status === 409 ? 'Fler platser än så är reserverade för överflyttningar på väg.' : 'Kunde inte sparas. Kontrollera antalet.';
        }
      }
      setErrors(atFields);
      const { data } = await api.GET('/transfers/capacity');
      if (data) show(data);
      if (Object.keys(atFields).length > 0) setProblem('Alla antal kunde inte sparas. Rätta fälten som är markerade.');
      else setSaved(true);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VStack as="form" gap="space-16" onSubmit={(e: FormEvent) => void submit(e)} aria-labelledby="capacity" noValidate>
      <Heading level="2" size="medium" id="capacity">
        Lediga platser för överflyttning
      </Heading>
      <BodyShort>Hur många patienter från andra regioner er region kan ta emot nu, per vårdnivå. Socialstyrelsens förslag rangordnar regionerna efter detta.</BodyShort>
      {failed && <Alert variant="warning">Kunde inte hämta era platser. Ladda om sidan om en stund.</Alert>}
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}
      {saved && (
        <Alert variant="success" role="status" size="small">
          Lediga platser sparade.
        </Alert>
      )}
      {rows && (
        <Table size="small">
          <caption>Lediga platser per vårdnivå</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Vårdnivå</Table.HeaderCell>
              <Table.HeaderCell scope="col">Lediga platser</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Reserverade</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">Kvar att erbjuda</Table.HeaderCell>
              <Table.HeaderCell scope="col">Uppdaterad</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {CARE_LEVELS.map((l) => {
              const r = rowOf(l);
              return (
                <Table.Row key={l}>
                  <Table.HeaderCell scope="row">{CARE_LEVEL_LABELS[l]}</Table.HeaderCell>
                  <Table.DataCell>
                    <TextField
                      label={`Lediga platser, ${CARE_LEVEL_LABELS[l].toLowerCase()}`}
                      hideLabel
                      size="small"
                      htmlSize={6}
                      inputMode="numeric"
                      autoComplete="off"
                      value={typed[l]}
                      error={errors[l]}
                      onChange={(e) => setTyped((t) => ({ ...t, [l]: e.target.value }))}
                    />
                  </Table.DataCell>
                  <Table.DataCell align="right">{r?.reserved ?? 0}</Table.DataCell>
                  <Table.DataCell align="right">{r?.free ?? 0}</Table.DataCell>
                  <Table.DataCell>{r ? stockholmDateTime(r.updatedAt) : 'Aldrig angivet'}</Table.DataCell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
      {!rows && !failed && <Loader title="Hämtar lediga platser" />}
      <HStack>
        <Button type="submit" loading={busy} disabled={!rows}>
          Spara lediga platser
        </Button>
      </HStack>
    </VStack>
  );
}

/** Socialstyrelsen: every region's declared free beds per care level (reserved beds subtracted). */
function AllCapacity() {
  const { api } = useApi();
  const { name } = useOrganisations();
  const [rows, setRows] = useState<CapacityRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    void api
      .GET('/transfers/capacity', { signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && (data ? setRows(data) : setFailed(true)))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [api]);
  const regions = [...new Set((rows ?? []).map((r) => r.region))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const cell = (region: string, l: CareLevel) => {
    const r = rows?.find((x) => x.region === region && x.careLevel === l);
    return r ? `${r.free} av ${r.beds}` : '–';
  };
  return (
    <VStack gap="space-8" as="section" aria-labelledby="all-capacity">
      <Heading level="2" size="medium" id="all-capacity">
        Regionernas lediga platser
      </Heading>
      {failed && <Alert variant="warning">Kunde inte hämta regionernas platser.</Alert>}
      {!rows && !failed && <Loader title="Hämtar regionernas platser" />}
      {rows && regions.length === 0 && <BodyShort>Ingen region har angett lediga platser.</BodyShort>}
      {rows && regions.length > 0 && (
        <Table size="small">
          <caption>Kvar att erbjuda av angivna lediga platser, per region och vårdnivå</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Region</Table.HeaderCell>
              {CARE_LEVELS.map((l) => (
                <Table.HeaderCell key={l} scope="col" align="right">
                  {CARE_LEVEL_LABELS[l]}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {regions.map((region) => (
              <Table.Row key={region}>
                <Table.HeaderCell scope="row">{name(region)}</Table.HeaderCell>
                {CARE_LEVELS.map((l) => (
                  <Table.DataCell key={l} align="right">
                    {cell(region, l)}
                  </Table.DataCell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </VStack>
  );
}
