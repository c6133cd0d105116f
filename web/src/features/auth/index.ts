export { LoginPage } from './LoginPage';
export { RequireAuth } from './RequireAuth';
export { useSignedInMe } from './SignedInContext';
export { setSignInNotice } from './signInNotice';
export type { Me, Tenant, User, UserRole } from './types';
export { useLogout } from './useLogout';
export { meQueryKey, useMe } from './useMe';
