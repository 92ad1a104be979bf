import { useEffect, useState } from 'react';
import type { ApiClient, Schemas } from '../api/client';

export type TaskCount = Schemas['TaskCountDto'];

/**
 * How often the header asks for the count. Short polling: an EventSource cannot send the bearer token (and a token
 * never goes in a URL), and GET /tasks/count is one indexed COUNT.
 */
export const COUNT_POLL_MS = 3_000;

/** The open-task count of the signed-in person, polled; null until the first answer. */
export function useTaskCount(api: ApiClient, pollMs = COUNT_POLL_MS): TaskCount | null {
  const [count, setCount] = useState<TaskCount | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data } = await api.GET('/tasks/count', { signal: controller.signal });
        if (data) setCount((prev) => (prev && sameCount(prev, data) ? prev : data));
      } catch {
        // Offline for a moment: the next poll tries again.
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, pollMs]);
  return count;
}

export const sameCount = (a: TaskCount, b: TaskCount) => a.open === b.open && a.overdue === b.overdue && a.newestCreatedAt === b.newestCreatedAt;

/** What changes when the inbox should be fetched again: a task arrived or left. */
export const countSignal = (c: TaskCount | null) => (c ? `${c.open}|${c.newestCreatedAt ?? ''}` : '');
