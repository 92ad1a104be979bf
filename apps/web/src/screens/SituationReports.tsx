/**
 * Lägesbild: the reporting rounds of situation reports (issue 14), newest week first, each linking to its picture;
 * Socialstyrelsen's coordinators start an extra round here.
 */
import { Alert, BodyShort, Button, Heading, HStack, Loader, Table, Tag, TextField, VStack } from '@navikt/ds-react';
import { useCallback, useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { readError } from '../lib/api-errors';
import { calendarDate, stockholmDateTime } from '../lib/case-texts';
import { PATHS } from '../lib/navigation';
import { useOrganisations } from '../lib/organisations';
import { ROUND_STATUS_LABELS, weekLabel } from '../lib/situation-labels';
import { stockholmWallTimeToInstant } from '../lib/stockholm-input';
import { usePagedList } from '../lib/paged-list';
import { isIsoWeek } from '../../../../libs/domain/src/situation-reports/calendar';

type RoundRow = Schemas['RoundRowDto'];

export const SITUATION_PATH = '/lagesbild';
export const situationRoundPath = PATHS.situationRound;
/** Rounds a page: the newest first, "Visa fler omgångar" for the next page. */
export const ROUNDS_PAGE_SIZE = 50;

/** The kinds of organisation that read situation reports (the API's SITUATION_REPORTS remit), and the roles that do. */
export const SITUATION_READER_KINDS: readonly string[] = ['municipality', 'region', 'national_agency', 'county_board', 'association'];
export const SITUATION_READER_ROLES: readonly string[] = ['case_handler', 'coordinator'];
/** Who reports (and so corrects and revises) in a round. */
export const REPORTER_KINDS: readonly string[] = ['municipality', 'region'];

export function readsSituationReports(kind: string | undefined, roles: readonly string[]): boolean {
  return !!kind && SITUATION_READER_KINDS.includes(kind) && roles.some((r) => SITUATION_READER_ROLES.includes(r));
}

const STATUS_COLOR: Record<RoundRow['status'], 'info' | 'success' | 'neutral' | 'danger'> = { open: 'info', closed: 'success', ended: 'neutral', faulted: 'danger' };

export function SituationReports({ navigate }: { navigate(path: string): void }) {
  const { api, session } = useApi();
  const { byCode } = useOrganisations();
  const load = useCallback(
    (cursor?: string, signal?: AbortSignal) => api.GET('/situation-reports/rounds', { params: { query: { limit: ROUNDS_PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, signal }),
    [api],
  );
  const { items: rounds, nextCursor, loadingMore, failed, showMore } = usePagedList<RoundRow>(load);

  const starter = byCode.get(session.organisationCode)?.kind === 'national_agency' && session.roles.includes('coordinator');
  return (
    <VStack gap="space-24" as="main" padding="space-24">
      <Heading level="1" size="large">
        Lägesbild
      </Heading>
      <BodyShort>Veckovisa rapportomgångar: personalfrånvaro, skyddsutrustning och intensivvård per län och för landet.</BodyShort>
      {starter && <StartRound navigate={navigate} />}
      <VStack gap="space-8">
        <Heading level="2" size="medium">
          Rapportomgångar
        </Heading>
        {failed && <Alert variant="warning">Kunde inte hämta rapportomgångarna. Ladda om sidan om en stund.</Alert>}
        {!rounds && !failed && <Loader title="Hämtar rapportomgångar" />}
        {rounds && rounds.length === 0 && <BodyShort>Inga rapportomgångar för din organisation.</BodyShort>}
        {rounds && rounds.length > 0 && (
          <Table zebraStripes>
            <caption>Rapportomgångar, senaste veckan först</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Vecka</Table.HeaderCell>
                <Table.HeaderCell scope="col">Period</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Rapporterat</Table.HeaderCell>
                <Table.HeaderCell scope="col">Ska vara inne</Table.HeaderCell>
                <Table.HeaderCell scope="col">Stoppdag</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rounds.map((r) => (
                <Table.Row key={r.roundId}>
                  <Table.HeaderCell scope="row">
                    <AppLink to={situationRoundPath(r.roundId)} navigate={navigate}>
                      {weekLabel(r.week)}
                    </AppLink>
                  </Table.HeaderCell>
                  <Table.DataCell>
                    {calendarDate(r.periodFrom)} – {calendarDate(r.periodTo)}
                  </Table.DataCell>
                  <Table.DataCell>
                    <Tag size="small" variant="moderate" data-color={STATUS_COLOR[r.status]}>
                      {ROUND_STATUS_LABELS[r.status]}
                      {r.pictureVersion > 1 ? `, version ${r.pictureVersion}` : ''}
                    </Tag>
                  </Table.DataCell>
                  <Table.DataCell>
                    rapporterat {r.reported} av {r.expected}
                  </Table.DataCell>
                  <Table.DataCell>{stockholmDateTime(r.dueAt)}</Table.DataCell>
                  <Table.DataCell>{stockholmDateTime(r.cutoffAt)}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {rounds && nextCursor && (
          <HStack>
            <Button variant="secondary" loading={loadingMore} onClick={() => void showMore()}>
              Visa fler omgångar
            </Button>
          </HStack>
        )}
      </VStack>
    </VStack>
  );
}

type StartField = 'week' | 'dueAt' | 'cutoffAt';

/** Socialstyrelsen's extra round: a week, when reports are due and the cut-off (Stockholm time). */
function StartRound({ navigate }: { navigate(path: string): void }) {
  const { api } = useApi();
  const [week, setWeek] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [cutoffAt, setCutoffAt] = useState('');
  const [errors, setErrors] = useState<Partial<Record<StartField, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retry after a lost answer starts the same round, not a second one.
  const [key] = useState(() => crypto.randomUUID());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: Partial<Record<StartField, string>> = {};
    if (!isIsoWeek(week.trim())) found.week = 'Ange en vecka som finns, till exempel 2026-W47.';
    const due = stockholmWallTimeToInstant(dueAt);
    const cutoff = stockholmWallTimeToInstant(cutoffAt);
    if (!due) found.dueAt = 'Ange dag och tid (svensk tid).';
    if (!cutoff) found.cutoffAt = 'Ange dag och tid (svensk tid).';
    else if (due && cutoff <= due) found.cutoffAt = 'Stoppdagen ska vara efter sista dag att rapportera.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/situation-reports/rounds', {
        params: { header: { 'Idempotency-Key': key } },
        body: { week: week.trim(), dueAt: due as string, cutoffAt: cutoff as string },
      });
      if (data) return navigate(situationRoundPath(data.roundId));
      const e = readError(response.status, error);
      const atFields: Partial<Record<StartField, string>> = {};
      for (const field of ['week', 'dueAt', 'cutoffAt'] as const) if (e.fields[field]) atFields[field] = startFieldText(field, e.fields[field]);
      setErrors(atFields);
      setProblem(Object.keys(atFields).length ? 'Rapportomgången kunde inte startas. Rätta fälten som är markerade.' : `Rapportomgången kunde inte startas: ${e.message}`);
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VStack as="form" gap="space-16" className="form-column" onSubmit={(e: FormEvent) => void submit(e)} aria-labelledby="start-round" noValidate>
      <Heading level="2" size="medium" id="start-round">
        Starta extra rapportomgång
      </Heading>
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}
      <TextField label="Vecka" description="ISO-vecka, till exempel 2026-W47" value={week} error={errors.week} autoComplete="off" onChange={(e) => setWeek(e.target.value)} />
      <TextField label="Sista dag att rapportera" description="Svensk tid" {...{ type: 'datetime-local' as 'text' }} value={dueAt} error={errors.dueAt} onChange={(e) => setDueAt(e.target.value)} />
      <TextField label="Stoppdag" description="Svensk tid. Då stängs omgången och lägesbilden publiceras." {...{ type: 'datetime-local' as 'text' }} value={cutoffAt} error={errors.cutoffAt} onChange={(e) => setCutoffAt(e.target.value)} />
      <HStack>
        <Button type="submit" loading={busy}>
          Starta rapportomgång
        </Button>
      </HStack>
    </VStack>
  );
}

/** The API's reason at a field of the start form, in Swedish. */
function startFieldText(field: StartField, message: string): string {
  if (/future/.test(message)) return 'Tiden har redan passerat.';
  if (/after dueAt/.test(message)) return 'Stoppdagen ska vara efter sista dag att rapportera.';
  if (/within a year/.test(message)) return 'Stoppdagen ska vara inom ett år.';
  if (field === 'week') return 'Ange en vecka som finns, till exempel 2026-W47.';
  return 'Kontrollera fältet.';
}
