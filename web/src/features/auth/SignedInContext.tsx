import { createContext, useContext } from 'react';
import type { Me } from './types';

export const SignedInContext = createContext<Me | null>(null);

/** The signed-in user, tenant and settings, for anything rendered inside `RequireAuth`. */
export function useSignedInMe(): Me {
  const me = useContext(SignedInContext);
  if (!me) throw new Error('useSignedInMe must be used inside <RequireAuth>');
  return me;
}
