/**
 * Ärende: the parties, the status, the timeline, the open tasks of all parties (the API lists them without personal
 * data) and, for a discharge, the patient's written summary, printable on one A4 page (app.css, @media print).
 * A case the person's organisation is not party to does not exist for them: the API answers 404, and so does this.
 */
import { Alert, BodyShort, Box, Button, Heading, HStack, Loader, Table, Tag, VStack } from '@navikt/ds-react';
import { useCallback, useEffect, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { DischargeActions } from '../components/DischargeActions';
import { calendarDate, CASE_STATUS_LABELS, eventLabel, MUNICIPAL_NEED_LABELS, shortCaseId, stockholmDateTime, waitingForText } from '../lib/case-texts';
import { describeDue } from '../lib/due';
import { CASE_TYPE_LABELS, TASK_KIND_LABELS } from '../lib/labels';
import { AppLink, PATHS } from '../lib/navigation';
import { useOrganisations } from '../lib/organisations';

type CaseDetail = Schemas['CaseDetailDto'];
type Summary = Schemas['DischargeSummaryDto'];
type DischargeState = Schemas['DischargeHandoverStateDto'];

/** How often the open case is read again, so tasks answered elsewhere show up. */
export const CASE_POLL_MS = 4_000;

const CONTACT_ROLES: Record<string, string> = {
  'fast vårdkontakt (vårdcentral)': 'Fast vårdkontakt (vårdcentral)',
  'medical responsibility (ASIH)': 'Medicinskt ansvar (ASIH)',
  'municipal care (biståndshandläggare)': 'Kommunen (biståndshandläggare)',
  'hospital ward': 'Sjukhusets avdelning',
};

export function CaseView({ caseId }: { caseId: string }) {
  const { api, session } = useApi();
  const { name } = useOrganisations();
  const [found, setFound] = useState<CaseDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [state, setState] = useState<DischargeState | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data, response } = await api.GET('/cases/{caseId}', { params: { path: { caseId } }, signal });
      if (response.status === 404) {
        setMissing(true);
        return;
      }
      if (!data) {
        setFailed(true);
        return;
      }
      setFailed(false);
      setFound((prev) => (prev && prev.updatedAt === data.updatedAt && prev.openTasks.length === data.openTasks.length ? prev : data));
    },
    [api, caseId],
  );

  // The discharge's live state and summary, read again whenever the case changed.
  const version = found ? `${found.updatedAt}|${found.status}` : '';
  useEffect(() => {
    if (!found || found.type !== 'discharge_handover') return;
    const controller = new AbortController();
    const signal = controller.signal;
    void api.GET('/discharge-handovers/{caseId}/summary', { params: { path: { caseId } }, signal }).then(({ data }) => data && setSummary(data)).catch(() => undefined);
    void api.GET('/discharge-handovers/{caseId}', { params: { path: { caseId } }, signal }).then(({ data }) => data && setState(data)).catch(() => undefined);
    return () => controller.abort();
  }, [api, caseId, version]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        await load(controller.signal);
      } catch {
        if (!controller.signal.aborted) setFailed(true);
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), CASE_POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [load]);

  if (missing) {
    return (
      <Box as="main" padding="space-24">
        <VStack gap="space-12">
          <Heading level="1" size="large">
            Ärendet finns inte
          </Heading>
          <BodyShort>Det finns inget ärende med den adressen som din organisation är part i.</BodyShort>
          <BodyShort>
            <AppLink to={PATHS.inbox}>Till inkorgen</AppLink>
          </BodyShort>
        </VStack>
      </Box>
    );
  }
  if (!found) return failed ? <Alert variant="warning">Kunde inte hämta ärendet. Försöker igen om en stund.</Alert> : <Loader title="Hämtar ärendet" />;

  const now = new Date();
  const isHospital = state !== null && state.hospitalCode === session.organisationCode && session.roles.includes('case_handler');
  return (
    <VStack as="main" gap="space-24" padding="space-24" className="case-screen">
      <VStack gap="space-8" className="no-print">
        <HStack gap="space-12" align="center">
          <Heading level="1" size="large">
            {CASE_TYPE_LABELS[found.type]} {shortCaseId(found.id)}
          </Heading>
          <Tag variant="moderate" data-color="info" size="small">
            {CASE_STATUS_LABELS[found.status]}
          </Tag>
        </HStack>
        <BodyShort>
          Parter: {found.parties.map(name).join(', ')}
        </BodyShort>
        {found.waitingFor && <BodyShort textColor="subtle">Väntar på: {waitingForText(found.waitingFor)}</BodyShort>}
      </VStack>
      {failed && <Alert variant="warning" className="no-print">Kunde inte hämta ärendet just nu. Försöker igen.</Alert>}

      {isHospital && state && <DischargeActions caseId={found.id} state={state} onChanged={() => void load()} />}

      <section aria-labelledby="open-tasks" className="no-print">
        <Heading level="2" size="medium" id="open-tasks">
          Öppna uppgifter
        </Heading>
        {found.openTasks.length === 0 ? (
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
              {found.openTasks.map((t) => {
                const due = describeDue(new Date(t.dueAt), now);
                return (
                  <Table.Row key={t.id}>
                    <Table.DataCell>
                      {t.assignedOrg === session.organisationCode ? <AppLink to={PATHS.task(t.id)}>{TASK_KIND_LABELS[t.kind]}</AppLink> : TASK_KIND_LABELS[t.kind]}
                    </Table.DataCell>
                    <Table.DataCell>{name(t.assignedOrg)}</Table.DataCell>
                    <Table.DataCell>{t.overdue || due.overdue ? <Tag variant="strong" data-color="danger" size="small">{due.text}</Tag> : due.text}</Table.DataCell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        )}
      </section>

      {summary && <PatientSummary summary={summary} />}

      <section aria-labelledby="timeline" className="no-print">
        <Heading level="2" size="medium" id="timeline">
          Händelser
        </Heading>
        <ol className="timeline">
          {[...found.timeline].reverse().map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{stockholmDateTime(e.at)}</time> <span>{eventLabel(e.type)}</span>
              {e.organisationCode && <BodyShort as="span" textColor="subtle"> · {name(e.organisationCode)}</BodyShort>}
            </li>
          ))}
        </ol>
      </section>
    </VStack>
  );
}

/** What the patient gets in writing (patientlagen 3:2 b): printable alone on one A4 page. */
function PatientSummary({ summary }: { summary: Summary }) {
  const { name } = useOrganisations();
  const facts: [string, string][] = [
    ['Patient', summary.patientName ?? 'Uppgifterna om patienten är gallrade'],
    ['Planerad utskrivning', summary.plannedDischargeAt ? stockholmDateTime(summary.plannedDischargeAt) : 'Inte bestämd än'],
    [
      'Fast vårdkontakt',
      summary.fastVardkontakt
        ? `${summary.fastVardkontakt.name}${summary.fastVardkontakt.phone ? `, ${summary.fastVardkontakt.phone}` : ''} (${name(summary.fastVardkontakt.organisationCode)})`
        : 'Inte utsedd än',
    ],
    ['Planerad SIP', summary.plannedSipDate ? calendarDate(summary.plannedSipDate) : 'Ingen planerad'],
    [
      'Kommunens insatser',
      summary.municipalServices
        ? `${summary.municipalServices.services.map((s) => MUNICIPAL_NEED_LABELS[s as keyof typeof MUNICIPAL_NEED_LABELS] ?? s).join(', ') || 'Inga'}${summary.municipalServices.startDate ? ` från ${calendarDate(summary.municipalServices.startDate)}` : ''}`
        : 'Inte beslutade än',
    ],
    [
      'Medicinskt ansvar efter utskrivningen',
      summary.medicalResponsibility ? `${name(summary.medicalResponsibility.organisationCode)}${summary.medicalResponsibility.acknowledged ? '' : ' (inte bekräftat än)'}` : 'Inte bestämt än',
    ],
  ];
  return (
    <section aria-labelledby="summary" className="patient-summary">
      <HStack justify="space-between" align="center">
        <Heading level="2" size="medium" id="summary">
          Sammanfattning till patienten
        </Heading>
        <Button variant="secondary" size="small" className="no-print" onClick={() => window.print()}>
          Skriv ut
        </Button>
      </HStack>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.contacts.length > 0 && (
        <>
          <Heading level="3" size="small">
            Vem du kontaktar
          </Heading>
          <ul>
            {summary.contacts.map((c) => (
              <li key={`${c.role}-${c.organisationCode}`}>
                {CONTACT_ROLES[c.role] ?? c.role}: {c.organisationName ?? name(c.organisationCode)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
