import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { logout } from './auth.api';
import { setSignInNotice } from './signInNotice';
import { meQueryKey } from './useMe';

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      setSignInNotice('signedOut');
      // Both happen before React re-renders, so the shell never sees "signed out" and redirects on its own.
      queryClient.setQueryData(meQueryKey, null);
      void navigate('/login', { replace: true });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    },
  });
}
