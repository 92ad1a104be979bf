import type { ApiClient, TaskSummary } from '../api/client';

const PAGE_SIZE = 200;
/** At most this many open tasks are fetched (10 pages); more shows as "2000+". */
const MAX_PAGES = 10;

export interface OpenTasks {
  items: TaskSummary[];
  /** More open tasks than were fetched. */
  more: boolean;
}

/** Rows rendered at first, and added by "Visa fler": a thousand rows of Aksel cells cost a second to render. */
export const ROWS_SHOWN = 50;

/**
 * Every open task of the caller's organisation and roles, page by page, due first (the API's order). `onPage` gets
 * the tasks so far after each page but the last, so the first rows show while the rest are fetched.
 */
export async function fetchOpenTasks(api: ApiClient, signal: AbortSignal, onPage?: (sofar: OpenTasks) => void): Promise<OpenTasks> {
  const items: TaskSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, error } = await api.GET('/tasks', { params: { query: { status: 'open', limit: PAGE_SIZE, cursor } }, signal });
    if (error || !data) throw new Error(error?.message ?? 'no answer');
    items.push(...data.items);
    if (!data.nextCursor) return { items, more: false };
    cursor = data.nextCursor;
    onPage?.({ items: [...items], more: true });
  }
  return { items, more: true };
}
