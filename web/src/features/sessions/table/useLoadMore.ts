import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';

/** Fetches the next page when the last rendered row comes within `margin` rows of the end. */
export function useLoadMore<Page>(
  query: UseInfiniteQueryResult<InfiniteData<Page>, Error>,
  lastVisibleIndex: number,
  rowCount: number,
  margin = 15,
): void {
  const { hasNextPage, isFetchingNextPage, isError } = query;
  useEffect(() => {
    if (lastVisibleIndex >= rowCount - margin && hasNextPage && !isFetchingNextPage && !isError) {
      void query.fetchNextPage();
    }
  }, [lastVisibleIndex, rowCount, margin, hasNextPage, isFetchingNextPage, isError, query]);
}
