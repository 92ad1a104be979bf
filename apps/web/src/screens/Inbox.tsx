import { Alert, BodyShort, Button, Checkbox, Heading, HStack, Loader, Select, Table, Tag, VStack } from '@navikt/ds-react';
import { useEffect, useMemo, useState } from 'react';
import type { TaskSummary } from '../api/client';
import { fetchOpenTasks, ROWS_SHOWN, type OpenTasks } from '../lib/open-tasks';
import { useApi } from '../auth/session';
import { describeDue, stockholmTime } from '../lib/due';
import { CASE_TYPE_LABELS, ROLE_LABELS, TASK_KIND_LABELS } from '../lib/labels';
import { AppLink, caseScreenPath, PATHS } from '../lib/navigation';
import { shortCaseId } from '../lib/case-texts';
import { filterTasks, readUrlFilters, writeUrlFilters, type UrlFilters } from '../lib/inbox-filters';

/**
 * The list is fetched again when the header's count (GET /tasks/count, polled every few seconds) changes, and at
 * the latest after this long (a claim by a colleague changes no count).
 */
export const POLL_MS = 30_000;

export function Inbox({ refresh }: { refresh: string }) {
  const { api, session } = useApi();
  const [tasks, setTasks] = useState<OpenTasks | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const [urlFilters, setUrlFilters] = useState<UrlFilters>(readUrlFilters);
  const [mine, setMine] = useState(false);
  const [caseId, setCaseId] = useState('');
  const [rows, setRows] = useState(ROWS_SHOWN);
  const changeUrlFilters = (next: UrlFilters) => {
    setUrlFilters(next);
    writeUrlFilters(next);
  };

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        // The first poll shows the first page at once; later polls replace the list when complete.
        const first = (sofar: OpenTasks) => setTasks((current) => current ?? sofar);
        const next = await fetchOpenTasks(api, controller.signal, first);
        setTasks(next);
        setNow(new Date());
        setFailed(false);
      } catch {
        if (controller.signal.aborted) return;
        setFailed(true);
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, refresh]);

  const shown = useMemo(
    () => (tasks ? filterTasks(tasks.items, { ...urlFilters, mine, caseId }, session.personId, now) : []),
    [tasks, urlFilters, mine, caseId, session.personId, now],
  );
  const kinds = useMemo(() => [...new Set(tasks?.items.map((t) => t.kind) ?? [])].sort(), [tasks]);
  const cases = useMemo(() => [...new Map(tasks?.items.map((t) => [t.caseId, t.caseType]) ?? []).entries()], [tasks]);
  const filtered = urlFilters.kind !== '' || urlFilters.overdue || mine || caseId !== '';

  return (
    <VStack gap="space-16" as="main" padding="space-24">
      <Heading level="1" size="large">
        Inkorg
      </Heading>
      {failed && <Alert variant="warning">Kunde inte hämta uppgifterna. Försöker igen om en stund.</Alert>}
      {!tasks && !failed && <Loader title="Hämtar uppgifter" />}
      {tasks && (
        <HStack gap="space-16" align="end" as="form" role="search" aria-label="Filtrera uppgifterna" onSubmit={(e) => e.preventDefault()}>
          <Select
            label="Uppgiftstyp"
            size="small"
            value={urlFilters.kind}
            onChange={(e) => changeUrlFilters({ ...urlFilters, kind: e.target.value })}
          >
            <option value="">Alla typer</option>
            {[...new Set([...kinds, ...(urlFilters.kind ? [urlFilters.kind] : [])])].map((k) => (
              <option key={k} value={k}>
                {TASK_KIND_LABELS[k as TaskSummary['kind']] ?? k}
              </option>
            ))}
          </Select>
          <Select label="Ärende" size="small" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">Alla ärenden</option>
            {cases.map(([id, type]) => (
              <option key={id} value={id}>
                {CASE_TYPE_LABELS[type]} {shortCaseId(id)}
              </option>
            ))}
          </Select>
          <Checkbox size="small" checked={urlFilters.overdue} onChange={(e) => changeUrlFilters({ ...urlFilters, overdue: e.target.checked })}>
            Bara försenade
          </Checkbox>
          <Checkbox size="small" checked={mine} onChange={(e) => setMine(e.target.checked)}>
            Bara tagna av mig
          </Checkbox>
        </HStack>
      )}
      {tasks && tasks.items.length === 0 && <BodyShort>Inga öppna uppgifter för dig och din organisation.</BodyShort>}
      {tasks && tasks.items.length > 0 && shown.length === 0 && <BodyShort>Inga uppgifter matchar filtren.</BodyShort>}
      {tasks && shown.length > 0 && (
        <Table zebraStripes>
          <caption>
            {filtered ? `${shown.length} av ${tasks.items.length} öppna uppgifter` : 'Öppna uppgifter'}, de som förfaller först överst
          </caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Uppgift</Table.HeaderCell>
              <Table.HeaderCell scope="col">Ärende</Table.HeaderCell>
              <Table.HeaderCell scope="col">Roll</Table.HeaderCell>
              <Table.HeaderCell scope="col">Förfaller</Table.HeaderCell>
              <Table.HeaderCell scope="col">Tagen av</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {shown.slice(0, rows).map((task) => {
              const due = describeDue(new Date(task.dueAt), now);
              const overdue = task.overdue || due.overdue;
              return (
                <Table.Row key={task.id} data-overdue={overdue || undefined} className={overdue ? 'task-overdue' : undefined}>
                  <Table.DataCell>
                    <AppLink to={PATHS.task(task.id)}>{TASK_KIND_LABELS[task.kind]}</AppLink>
                  </Table.DataCell>
                  <Table.DataCell>
                    <AppLink to={caseScreenPath(task.caseType, task.caseId)}>
                      {CASE_TYPE_LABELS[task.caseType]} {shortCaseId(task.caseId)}
                    </AppLink>
                  </Table.DataCell>
                  <Table.DataCell>{ROLE_LABELS[task.requiredRole]}</Table.DataCell>
                  <Table.DataCell>
                    {overdue ? (
                      <Tag variant="strong" data-color="danger" size="small">
                        {due.text}
                      </Tag>
                    ) : (
                      due.text
                    )}
                    <BodyShort size="small" textColor="subtle">
                      <time dateTime={task.dueAt}>{stockholmTime(new Date(task.dueAt))}</time>
                    </BodyShort>
                  </Table.DataCell>
                  <Table.DataCell>{task.claimedBy === null ? '–' : task.claimedBy === session.personId ? 'Du' : 'En kollega'}</Table.DataCell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
      {shown.length > rows && (
        <HStack gap="space-16" align="center">
          <BodyShort>
            Visar {rows} av {shown.length}.
          </BodyShort>
          <Button variant="secondary" size="small" onClick={() => setRows((n) => n + ROWS_SHOWN)}>
            Visa {Math.min(ROWS_SHOWN, shown.length - rows)} till
          </Button>
        </HStack>
      )}
    </VStack>
  );
}
