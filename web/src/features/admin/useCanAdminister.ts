import { useSignedInMe } from '../auth';

/** Admins change the administration; supervisors read it (where a page allows them at all). */
export function useCanAdminister(): boolean {
  return useSignedInMe().user.role === 'admin';
}
