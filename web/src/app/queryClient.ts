import { QueryClient } from '@tanstack/react-query';
import { meQueryKey, setSignInNotice } from '../features/auth';
import { isApiError, onUnauthenticated, setCsrfToken } from '../lib/api';

const maxRetries = 2;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change on retry; network and server hiccups might.
      retry: (failureCount, error) => {
        if (isApiError(error) && !error.isUnreachable && error.status >= 400 && error.status < 500)
          return false;
        return failureCount < maxRetries;
      },
    },
    mutations: { retry: false },
  },
});

/**
 * A 401 from any API call means the session ended (expired, revoked). Marking the user signed out makes
 * `RequireAuth` send them to the login page, which brings them back to the same page after signing in.
 */
onUnauthenticated(() => {
  if (queryClient.getQueryData(meQueryKey)) setSignInNotice('sessionExpired');
  setCsrfToken(null);
  queryClient.setQueryData(meQueryKey, null);
});
