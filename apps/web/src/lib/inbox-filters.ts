import type { TaskSummary } from '../api/client';

/** The filters that may stand in the URL (task kind, overdue: no personal data); the others live in state only. */
export interface UrlFilters {
  kind: string;
  overdue: boolean;
}

export function readUrlFilters(): UrlFilters {
  const q = new URLSearchParams(window.location.search);
  return { kind: q.get('typ') ?? '', overdue: q.get('forsenade') === '1' };
}

export function writeUrlFilters(f: UrlFilters) {
  const q = new URLSearchParams();
  if (f.kind) q.set('typ', f.kind);
  if (f.overdue) q.set('forsenade', '1');
  const search = q.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

/** The filters applied to the fetched open tasks. */
export function filterTasks(items: TaskSummary[], f: UrlFilters & { mine: boolean; caseId: string }, personId: string, now: Date): TaskSummary[] {
  return items.filter(
    (t) =>
      (!f.kind || t.kind === f.kind) &&
      (!f.overdue || t.overdue || new Date(t.dueAt) < now) &&
      (!f.mine || t.claimedBy === personId) &&
      (!f.caseId || t.caseId === f.caseId),
  );
}
