import { apiRequest, isApiError, setCsrfToken } from '../../lib/api';
import type { LoginRequest, LoginResponse, Me } from './types';

export async function login(request: LoginRequest): Promise<LoginResponse> {
  // A 401 here means wrong credentials, not an expired session.
  const response = await apiRequest<LoginResponse>('/api/v1/auth/login', {
    method: 'POST',
    body: request,
    allowUnauthenticated: true,
  });
  setCsrfToken(response.csrfToken);
  return response;
}

/** The signed-in user, or `null` when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('/api/v1/me', { signal, allowUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/api/v1/auth/logout', { method: 'POST', allowUnauthenticated: true });
  } catch (error) {
    // Already signed out on the server (expired cookie): the goal is reached.
    if (!(isApiError(error) && error.status === 401)) throw error;
  }
  setCsrfToken(null);
}
