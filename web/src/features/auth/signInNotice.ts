import { useEffect, useState } from 'react';

/** Why the user is being shown the login page, when it is not simply their first visit. */
export type SignInNotice = 'sessionExpired' | 'signedOut';

// Kept outside React state because it is set by code that runs while the previous page unmounts.
let pending: SignInNotice | null = null;

export function setSignInNotice(notice: SignInNotice): void {
  pending = notice;
}

/** The pending notice, read once when the login page mounts. */
export function useSignInNotice(): SignInNotice | null {
  const [notice] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return notice;
}
