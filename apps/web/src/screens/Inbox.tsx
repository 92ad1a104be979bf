import { Alert, BodyShort, Heading, Loader, Table, Tag, VStack } from '@navikt/ds-react';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient, TaskSummary } from '../api/client';
import { useApi } from '../auth/session';
import { describeDue, stockholmTime } from '../lib/due';
import { CASE_TYPE_LABELS, ROLE_LABELS, TASK_KIND_LABELS } from '../lib/labels';

/** How often the inbox asks for new tasks (short polling until the API streams them). */
export const POLL_MS = 10_000;
const PAGE_SIZE = 200;
/** At most this many open tasks are fetched (10 pages); more shows as "2000+". */
const MAX_PAGES = 10;

export interface OpenTasks {
  items: TaskSummary[];
  /** More open tasks than were fetched. */
  more: boolean;
}

/** Every open task of the caller's organisation and roles, page by page, due first (the API's order). */
export async function fetchOpenTasks(api: ApiClient, signal: AbortSignal): Promise<OpenTasks> {
  const items: TaskSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, error } = await api.GET('/tasks', { params: { query: { status: 'open', limit: PAGE_SIZE, cursor } }, signal });
    if (error || !data) throw new Error(error?.message ?? 'no answer');
    items.push(...data.items);
    if (!data.nextCursor) return { items, more: false };
    cursor = data.nextCursor;
  }
  return { items, more: true };
}

export function Inbox({ onOpenCount }: { onOpenCount(count: string | null): void }) {
  const { api } = useApi();
  const [tasks, setTasks] = useState<OpenTasks | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const report = useRef(onOpenCount);
  report.current = onOpenCount;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchOpenTasks(api, controller.signal);
        setTasks(next);
        setNow(new Date());
        setFailed(false);
        report.current(`${next.items.length}${next.more ? '+' : ''}`);
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
  }, [api]);

  return (
    <VStack gap="space-16" as="main" padding="space-24">
      <Heading level="1" size="large">
        Inkorg
      </Heading>
      {failed && <Alert variant="warning">Kunde inte hämta uppgifterna. Försöker igen om en stund.</Alert>}
      {!tasks && !failed && <Loader title="Hämtar uppgifter" />}
      {tasks && tasks.items.length === 0 && <BodyShort>Inga öppna uppgifter för dig och din organisation.</BodyShort>}
      {tasks && tasks.items.length > 0 && (
        <Table zebraStripes>
          <caption>Öppna uppgifter, de som förfaller först överst</caption>
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
            {tasks.items.map((task) => {
              const due = describeDue(new Date(task.dueAt), now);
              const overdue = task.overdue || due.overdue;
              return (
                <Table.Row key={task.id} data-overdue={overdue || undefined} className={overdue ? 'task-overdue' : undefined}>
                  <Table.DataCell>{TASK_KIND_LABELS[task.kind]}</Table.DataCell>
                  <Table.DataCell>{CASE_TYPE_LABELS[task.caseType]}</Table.DataCell>
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
                  <Table.DataCell>{task.claimedBy ?? '–'}</Table.DataCell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
    </VStack>
  );
}
