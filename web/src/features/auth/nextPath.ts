export const defaultSignedInPath = '/sessions';

/**
 * The page to return to after sign-in, from `?next=`. Only same-site paths are accepted so a crafted
 * link cannot send the user elsewhere after they type their password.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return defaultSignedInPath;
  }
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/'))
    return defaultSignedInPath;
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const here = location.pathname + location.search;
  if (location.pathname === '/' || here === defaultSignedInPath) return '/login';
  return `/login?${new URLSearchParams({ next: here }).toString()}`;
}
