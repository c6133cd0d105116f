import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { StartupErrorPage } from '../../components/StartupErrorPage';
import { loginPathFor } from './nextPath';
import { SignedInContext } from './SignedInContext';
import { useMe } from './useMe';

/** Renders its children only for a signed-in user; everyone else goes to the login page and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.data) return <SignedInContext.Provider value={me.data}>{children}</SignedInContext.Provider>;
  if (me.data === null) return <Navigate to={loginPathFor(location)} replace />;
  if (me.isError) return <StartupErrorPage onRetry={() => void me.refetch()} retrying={me.isFetching} />;
  return <FullPageLoader />;
}
