import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a cursor-paged list, as the API's list routes answer (openapi-fetch's `{ data }`). */
export type PageLoader<T> = (cursor: string | undefined, signal?: AbortSignal) => Promise<{ data?: { items: T[]; nextCursor?: string | null } }>;

/**
 * A cursor-paged list for a screen: the first page on mount and whenever `load` changes (a new filter: the list empties
 * while it loads), again when `refresh` changes (the list stays until the new page replaces it), and `showMore` for
 * "Visa fler". `load` must be stable between renders (useCallback). Any failure sets `failed`.
 */
export function usePagedList<T>(load: PageLoader<T>, refresh = 0) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const loaded = useRef<PageLoader<T> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    if (loaded.current !== load) {
      loaded.current = load;
      setItems(null);
      setFailed(false);
    }
    void load(undefined, controller.signal)
      .then(({ data }) => {
        if (controller.signal.aborted) return;
        if (!data) return setFailed(true);
        setItems(data.items);
        setNextCursor(data.nextCursor ?? null);
      })
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [load, refresh]);

  const showMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const { data } = await load(nextCursor);
      if (!data) return setFailed(true);
      setItems((shown) => [...(shown ?? []), ...data.items]);
      setNextCursor(data.nextCursor ?? null);
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }, [load, nextCursor]);

  return { items, nextCursor, loadingMore, failed, showMore };
}
