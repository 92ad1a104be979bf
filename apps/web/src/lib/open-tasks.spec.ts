import type { ApiClient, TaskSummary } from '../api/client';
import { fetchOpenTasks, type OpenTasks } from './open-tasks';

/** A client whose GET /tasks answers `pages` pages of 200 (the last with no cursor), logging each call. */
function pagedApi(pages: number, calls: string[]): ApiClient {
  const GET = async (_path: string, { params }: { params: { query: { cursor?: string } } }) => {
    const n = params.query.cursor ? Number(params.query.cursor) : 0;
    calls.push(`GET page ${n}`);
    const items = Array.from({ length: 200 }, (_, i) => ({ id: `${n}-${i}` }) as unknown as TaskSummary);
    return { data: { items, nextCursor: n + 1 < pages ? String(n + 1) : null } };
  };
  return { GET } as unknown as ApiClient;
}

describe('the inbox fetches its open tasks', () => {
  it('hands over the first page before asking for the next, so the first rows show at once', async () => {
    const calls: string[] = [];
    const seen: OpenTasks[] = [];
    const all = await fetchOpenTasks(pagedApi(5, calls), new AbortController().signal, (sofar) => {
      calls.push(`shown ${sofar.items.length}`);
      seen.push(sofar);
    });
    expect(calls.slice(0, 3)).toEqual(['GET page 0', 'shown 200', 'GET page 1']);
    expect(seen[0]).toMatchObject({ more: true });
    expect(all.items).toHaveLength(1000);
    expect(all.more).toBe(false);
  });

  it('needs no callback, and calls none for a single page', async () => {
    const calls: string[] = [];
    const all = await fetchOpenTasks(pagedApi(1, calls), new AbortController().signal, () => calls.push('shown'));
    expect(calls).toEqual(['GET page 0']);
    expect(all.items).toHaveLength(200);
  });
});
