/**
 * A transfer request's page for its parties: status, receiving region, the patients (the sending region's references
 * for the sending region only: the API strips them for everyone else), the offers with their deadlines and outcomes,
 * open tasks, and the timeline. Read again every 4 s until the request has ended. The sending region cancels here
 * before departure (the patient died or recovered).
 */
import { Alert, BodyShort, Button, Heading, HStack, Loader, Radio, RadioGroup, Table, Tag, Textarea, VStack } from '@navikt/ds-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { AppLink } from '../components/AppLink';
import { readError } from '../lib/api-errors';
import { eventLabel, shortCaseId, stockholmDateTime, waitingForText } from '../lib/case-texts';
import { describeDue } from '../lib/due';
import { TASK_KIND_LABELS } from '../lib/labels';
import { PATHS } from '../lib/navigation';
import { useOrganisations } from '../lib/organisations';
import {
  CANCEL_REASON_LABELS,
  CANCEL_REASONS,
  CANCELLABLE_TRANSFER,
  careLevelLabel,
  ENDED_TRANSFER,
  infectionLabel,
  OFFER_STATUS_LABELS,
  TRANSFER_STATUS_LABELS,
  type CancelReason,
} from '../lib/transfer-labels';
import { TRANSFERS_PATH } from '../lib/transfer-paths';
import { statusColor } from './Transfers';

type TransferState = Schemas['TransferStateDto'];
type TaskKind = keyof typeof TASK_KIND_LABELS;
const POLL_MS = 4000;

export function TransferRequest({ requestId, navigate }: { requestId: string; navigate(path: string): void }) {
  const { api, session } = useApi();
  const { name } = useOrganisations();
  const [state, setState] = useState<TransferState | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data, response } = await api.GET('/transfers/{requestId}', { params: { path: { requestId } }, signal });
      if (signal?.aborted) return;
      if (data) {
        setState((prev) => (prev && prev.version === data.version ? prev : data));
        setFailed(false);
      } else if (response.status === 404) setMissing(true);
      else setFailed(true);
    },
    [api, requestId],
  );

  const ended = state ? ENDED_TRANSFER.includes(state.status) : false;
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal).catch(() => !controller.signal.aborted && setFailed(true));
    if (ended) return () => controller.abort();
    const timer = window.setInterval(() => void load(controller.signal).catch(() => undefined), POLL_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [load, ended]);

  if (missing) {
    return (
      <VStack as="main" gap="space-16" padding="space-24">
        <Heading level="1" size="large">
          Begäran finns inte
        </Heading>
        <BodyShort>
          Antingen finns ingen sådan begäran, eller så har din organisation inte fått något erbjudande i den.{' '}
          <AppLink to={TRANSFERS_PATH} navigate={navigate}>
            Till Överflyttning
          </AppLink>
        </BodyShort>
      </VStack>
    );
  }
  if (!state) {
    return (
      <VStack as="main" padding="space-24">
        {failed ? <Alert variant="warning">Kunde inte hämta begäran. Ladda om sidan om en stund.</Alert> : <Loader title="Hämtar begäran" />}
      </VStack>
    );
  }

  const sender = state.sendingRegion === session.organisationCode;
  const now = new Date();
  const facts: [string, string][] = [
    ['Från', name(state.sendingRegion)],
    ['Till', state.receivingRegion ? name(state.receivingRegion) : 'Ingen region har accepterat än'],
    ['Tidigast avresa', stockholmDateTime(state.earliestDeparture)],
    ['Väntar på', waitingForText(state.waitingFor)],
  ];
  if (state.round > 1) facts.push(['Matchningsomgång', String(state.round)]);

  return (
    <VStack as="main" gap="space-24" padding="space-24">
      <VStack gap="space-8">
        <HStack gap="space-12" align="center">
          <Heading level="1" size="large">
            Överflyttning {shortCaseId(state.requestId)}
          </Heading>
          <Tag variant="moderate" data-color={statusColor(state.status)}>
            {TRANSFER_STATUS_LABELS[state.status]}
          </Tag>
        </HStack>
        <BodyShort>
          <AppLink to={TRANSFERS_PATH} navigate={navigate}>
            Alla överflyttningar
          </AppLink>
        </BodyShort>
      </VStack>
      {failed && <Alert variant="warning">Kunde inte hämta det senaste. Sidan försöker igen.</Alert>}

      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <VStack as="section" gap="space-8" aria-labelledby="patients">
        <Heading level="2" size="medium" id="patients">
          Patienter
        </Heading>
        <Table size="small">
          <caption>{sender ? 'Patienterna med er referens' : 'Patienternas vårdnivå och smittstatus (den sändande regionens referenser visas bara för den)'}</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Patient</Table.HeaderCell>
              {sender && <Table.HeaderCell scope="col">Referens</Table.HeaderCell>}
              <Table.HeaderCell scope="col">Vårdnivå</Table.HeaderCell>
              <Table.HeaderCell scope="col">Smittstatus</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {state.patients.map((p, i) => (
              <Table.Row key={i}>
                <Table.HeaderCell scope="row">{i + 1}</Table.HeaderCell>
                {sender && <Table.DataCell>{p.reference ?? ''}</Table.DataCell>}
                <Table.DataCell>{careLevelLabel(p.careLevel)}</Table.DataCell>
                <Table.DataCell>{infectionLabel(p.infection)}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </VStack>

      <VStack as="section" gap="space-8" aria-labelledby="offers">
        <Heading level="2" size="medium" id="offers">
          Erbjudanden
        </Heading>
        {state.offers.length === 0 ? (
          <BodyShort>{state.status === 'matching' ? 'Socialstyrelsen har inte godkänt något förslag än.' : 'Inga erbjudanden i den här omgången.'}</BodyShort>
        ) : (
          <Table size="small">
            <caption>Erbjudanden i ordning{state.round > 1 ? `, omgång ${state.round}` : ''}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Region</Table.HeaderCell>
                <Table.HeaderCell scope="col">Utfall</Table.HeaderCell>
                <Table.HeaderCell scope="col">Skickat</Table.HeaderCell>
                <Table.HeaderCell scope="col">Svara senast</Table.HeaderCell>
                <Table.HeaderCell scope="col">Besvarat</Table.HeaderCell>
                <Table.HeaderCell scope="col">Skäl</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {state.offers.map((o) => (
                <Table.Row key={o.region}>
                  <Table.HeaderCell scope="row">{name(o.region)}</Table.HeaderCell>
                  <Table.DataCell>{OFFER_STATUS_LABELS[o.status]}</Table.DataCell>
                  <Table.DataCell>{stockholmDateTime(o.openedAt)}</Table.DataCell>
                  <Table.DataCell>
                    {stockholmDateTime(o.dueAt)}
                    {o.status === 'open' ? ` (${describeDue(new Date(o.dueAt), now).text})` : ''}
                  </Table.DataCell>
                  <Table.DataCell>{o.closedAt ? stockholmDateTime(o.closedAt) : '–'}</Table.DataCell>
                  <Table.DataCell>{o.reason ?? '–'}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </VStack>

      <VStack as="section" gap="space-8" aria-labelledby="open-tasks">
        <Heading level="2" size="medium" id="open-tasks">
          Öppna uppgifter
        </Heading>
        {state.openTasks.length === 0 ? (
          <BodyShort>Inga öppna uppgifter.</BodyShort>
        ) : (
          <Table size="small">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Uppgift</Table.HeaderCell>
                <Table.HeaderCell scope="col">Organisation</Table.HeaderCell>
                <Table.HeaderCell scope="col">Förfaller</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {state.openTasks.map((t) => {
                const label = TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind;
                return (
                  <Table.Row key={t.taskId}>
                    <Table.DataCell>
                      {t.assignedOrg === session.organisationCode ? (
                        <AppLink to={PATHS.task(t.taskId)} navigate={navigate}>
                          {label}
                        </AppLink>
                      ) : (
                        label
                      )}
                    </Table.DataCell>
                    <Table.DataCell>{name(t.assignedOrg)}</Table.DataCell>
                    <Table.DataCell>
                      {describeDue(new Date(t.dueAt), now).text} ({stockholmDateTime(t.dueAt)})
                    </Table.DataCell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        )}
      </VStack>

      {sender && CANCELLABLE_TRANSFER.includes(state.status) && <CancelTransfer requestId={state.requestId} onCancelled={setState} />}

      <section aria-labelledby="timeline">
        <Heading level="2" size="medium" id="timeline">
          Händelser
        </Heading>
        <ol className="timeline">
          {[...state.events].reverse().map((e) => {
            const region = typeof e.detail?.region === 'string' ? e.detail.region : null;
            return (
              <li key={e.seq}>
                <time dateTime={e.at}>{stockholmDateTime(e.at)}</time> <span>{eventLabel(e.type)}</span>
                {region && <span>: {name(region)}</span>}
                {e.organisationCode && <BodyShort as="span" textColor="subtle"> · {name(e.organisationCode)}</BodyShort>}
              </li>
            );
          })}
        </ol>
      </section>
    </VStack>
  );
}

/** The sending region cancels before departure: every offer and reserved bed is released. */
function CancelTransfer({ requestId, onCancelled }: { requestId: string; onCancelled(state: TransferState): void }) {
  const { api } = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<CancelReason | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; comment?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: { reason?: string; comment?: string } = {};
    if (!reason) found.reason = 'Välj varför begäran avbryts.';
    if (reason === 'other' && !comment.trim()) found.comment = 'Beskriv skälet.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/transfers/{requestId}/cancel', {
        params: { path: { requestId } },
        body: { reason: reason as CancelReason, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      if (data) return onCancelled(data);
      const e = readError(response.status, error);
      if (e.fields.comment) setErrors({ comment: 'Texten innehåller tecken som inte är tillåtna, eller är för lång.' });
      setProblem(e.status === 409 ? 'Begäran kan inte avbrytas längre: patienterna har redan rest, eller så är den redan avslutad.' : 'Begäran kunde inte avbrytas.');
    } catch {
      setProblem('Något gick fel. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <HStack>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Avbryt begäran
        </Button>
      </HStack>
    );
  }
  return (
    <VStack as="form" gap="space-16" className="form-column" aria-labelledby="cancel" onSubmit={(e: FormEvent) => void submit(e)} noValidate>
      <Heading level="2" size="medium" id="cancel">
        Avbryt begäran
      </Heading>
      <BodyShort>Alla erbjudanden återkallas och en reserverad plats släpps.</BodyShort>
      {problem && (
        <Alert variant="warning" role="alert">
          {problem}
        </Alert>
      )}
      <RadioGroup legend="Varför avbryts begäran?" value={reason} error={errors.reason} onChange={(v: CancelReason) => setReason(v)}>
        {CANCEL_REASONS.map((r) => (
          <Radio key={r} value={r}>
            {CANCEL_REASON_LABELS[r]}
          </Radio>
        ))}
      </RadioGroup>
      <Textarea label="Kommentar" description="Skriv inte patientens namn eller personnummer." maxLength={1000} value={comment} error={errors.comment} onChange={(e) => setComment(e.target.value)} />
      <HStack gap="space-12">
        <Button type="submit" loading={busy}>
          Avbryt begäran
        </Button>
        <Button type="button" variant="tertiary" onClick={() => setOpen(false)}>
          Behåll begäran
        </Button>
      </HStack>
    </VStack>
  );
}
