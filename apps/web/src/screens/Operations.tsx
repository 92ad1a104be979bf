/**
 * Drift (issue 17): HSF's operators see the cases a system fault stops or slows (GET /operations/cases): an activity
 * or the workflow task failing again and again, or a case that has not moved past a deadline. Each row links to its
 * workflow in the Temporal UI. Ids and codes only: no personal data.
 */
import { Alert, BodyShort, Button, Heading, Loader, Select, Table, Tag, VStack } from '@navikt/ds-react';
import { useCallback, useState } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';
import { stockholmDateTime } from '../lib/case-texts';
import { CASE_PROBLEM_HELP, CASE_PROBLEM_LABELS, CASE_TYPE_LABELS } from '../lib/labels';
import { AppLink, PATHS } from '../lib/navigation';
import { usePagedList } from '../lib/paged-list';

type Row = Schemas['CaseProblemDto'];
type Problem = Row['problem'];

export const OPERATIONS_PATH = '/drift';
const PAGE_SIZE = 50;
const PROBLEMS = Object.keys(CASE_PROBLEM_LABELS) as Problem[];
const PROBLEM_COLOR: Record<Problem, 'danger' | 'warning'> = { failing_activity: 'danger', failing_workflow_task: 'danger', stalled: 'warning' };

/** The menu entry: for HSF's operators only (the role counts only there, as the API decides). */
export const seesOperations = (organisationCode: string, roles: readonly string[]) => organisationCode === 'HSF' && roles.includes('operator');

function problemFromUrl(): Problem | '' {
  const p = new URLSearchParams(window.location.search).get('problem') ?? '';
  return (PROBLEMS as string[]).includes(p) ? (p as Problem) : '';
}

export function Operations() {
  const { api } = useApi();
  const [problem, setProblem] = useState<Problem | ''>(problemFromUrl);
  const query = useCallback((cursor?: string) => ({ ...(problem ? { problem } : {}), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [problem]);
  const load = useCallback((cursor?: string, signal?: AbortSignal) => api.GET('/operations/cases', { params: { query: query(cursor) }, signal }), [api, query]);
  const { items, nextCursor, loadingMore, failed, showMore } = usePagedList(load);

  const choose = (next: Problem | '') => {
    setProblem(next);
    window.history.replaceState(window.history.state, '', `${OPERATIONS_PATH}${next ? `?problem=${next}` : ''}`);
  };

  return (
    <VStack gap="space-24" as="main" padding="space-24">
      <Heading level="1" size="large">
        Drift: ärenden som fastnat
      </Heading>
      <BodyShort>
        Ärenden där ett systemfel stoppar eller bromsar arbetsflödet, äldst först. Öppna arbetsflödet i Temporal för att se vad som händer.
        Ärenden vars egna uppgifter inte kunde sparas finns som uppgifter i <AppLink to={`${PATHS.inbox}?typ=case_data_fault`}>Inkorgen</AppLink>.
      </BodyShort>
      <Select label="Problem" value={problem} onChange={(e) => choose(e.target.value as Problem | '')} className="ops-filter">
        <option value="">Alla problem</option>
        {PROBLEMS.map((p) => (
          <option key={p} value={p}>
            {CASE_PROBLEM_LABELS[p]}
          </option>
        ))}
      </Select>
      {problem && <BodyShort size="small">{CASE_PROBLEM_HELP[problem]}</BodyShort>}
      {failed && <Alert variant="warning">Kunde inte hämta listan. Ladda om sidan om en stund.</Alert>}
      {!items && !failed && <Loader title="Hämtar ärenden" />}
      {items && items.length === 0 && <BodyShort>Inga ärenden har fastnat{problem ? ` (${CASE_PROBLEM_LABELS[problem].toLowerCase()})` : ''}.</BodyShort>}
      {items && items.length > 0 && (
        <Table zebraStripes>
          <caption>Ärenden som fastnat, äldst först</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Ärende</Table.HeaderCell>
              <Table.HeaderCell scope="col">Typ</Table.HeaderCell>
              <Table.HeaderCell scope="col">Problem</Table.HeaderCell>
              <Table.HeaderCell scope="col">Sedan</Table.HeaderCell>
              <Table.HeaderCell scope="col">Försök</Table.HeaderCell>
              <Table.HeaderCell scope="col">Aktivitet</Table.HeaderCell>
              <Table.HeaderCell scope="col">Orsak</Table.HeaderCell>
              <Table.HeaderCell scope="col">Temporal</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {items.map((r) => (
              <Table.Row key={`${r.problem}:${r.id}`}>
                <Table.HeaderCell scope="row">
                  <code>{r.caseId ?? r.workflowId}</code>
                </Table.HeaderCell>
                <Table.DataCell>{r.caseType ? (CASE_TYPE_LABELS[r.caseType as keyof typeof CASE_TYPE_LABELS] ?? r.caseType) : '–'}</Table.DataCell>
                <Table.DataCell>
                  <Tag size="small" variant="moderate" data-color={PROBLEM_COLOR[r.problem]} title={CASE_PROBLEM_HELP[r.problem]}>
                    {CASE_PROBLEM_LABELS[r.problem]}
                  </Tag>
                </Table.DataCell>
                <Table.DataCell>{stockholmDateTime(r.since)}</Table.DataCell>
                <Table.DataCell>{r.attempts ?? '–'}</Table.DataCell>
                <Table.DataCell>{r.activityType ? <code>{r.activityType}</code> : '–'}</Table.DataCell>
                <Table.DataCell>
                  <code>{r.reason}</code>
                </Table.DataCell>
                <Table.DataCell>
                  <a href={r.temporalUiUrl} target="_blank" rel="noreferrer">
                    Öppna arbetsflödet<span className="navds-sr-only"> för {r.caseId ?? r.workflowId} i Temporal (nytt fönster)</span>
                  </a>
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {nextCursor && (
        <Button variant="secondary" onClick={() => void showMore()} loading={loadingMore} className="ops-more">
          Visa fler
        </Button>
      )}
    </VStack>
  );
}
