import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchMe } from './auth.api';
import { setSignInNotice } from './signInNotice';

export const meQueryKey = ['auth', 'me'] as const;

export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: async ({ signal, client }) => {
    const wasSignedIn = client.getQueryData(meQueryKey) != null;
    const me = await fetchMe(signal);
    if (!me && wasSignedIn) setSignInNotice('sessionExpired');
    return me;
  },
  staleTime: 5 * 60_000,
  // A cheap request that notices an expired session as soon as the user comes back to the tab.
  refetchOnWindowFocus: 'always',
});

/** The signed-in user, tenant and tenant settings; `data` is `null` when signed out. */
export function useMe() {
  return useQuery(meQueryOptions);
}
