import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { writePreference } from '../../lib/storage';
import { login } from './auth.api';
import { authErrorCodes, type LoginRequest, type Me } from './types';
import { meQueryKey, meQueryOptions } from './useMe';

export const lastTenantPreference = 'lastTenant';

/**
 * Signs in and loads the full `me` (tenant settings included). Once `me` is in the cache, the login
 * page's signed-in redirect takes the user on.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: LoginRequest): Promise<Me> => {
      const response = await login(request);
      // Nothing cached for a previous user may leak to this one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      const me = await queryClient.fetchQuery({ ...meQueryOptions, staleTime: 0 });
      if (!me) {
        throw new ApiError(401, authErrorCodes.cookieRejected, 'The session cookie was not accepted.');
      }
      writePreference(lastTenantPreference, response.tenant.slug);
      return me;
    },
  });
}
