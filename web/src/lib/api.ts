/**
 * The one way the UI talks to the server: JSON over same-origin fetch, with the CSRF token on every
 * state-changing request and server errors turned into `ApiError`.
 */

/** Codes the client itself produces when there is no usable answer from the server. */
export const clientErrorCodes = {
  /** The request never got an answer: offline, DNS, server down, CORS, aborted by the network. */
  networkUnreachable: 'client.network_unreachable',
  /** An answer came, but not in the `{ code, message }` shape (e.g. a proxy's HTML error page). */
  unexpectedResponse: 'client.unexpected_response',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** Stable error code from the server (e.g. `auth.invalid_credentials`) or one of `clientErrorCodes`. */
    readonly code: string,
    message: string,
    /** The whole error body, for code-specific fields such as `retryAfterSeconds`. */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** True when the server could not be reached or answered as a gateway that cannot reach it. */
  get isUnreachable(): boolean {
    return (
      this.code === clientErrorCodes.networkUnreachable ||
      this.status === 502 ||
      this.status === 503 ||
      this.status === 504 ||
      (this.status >= 500 && this.code === clientErrorCodes.unexpectedResponse)
    );
  }

  /** Seconds to wait before retrying, from the body or the Retry-After header. */
  get retryAfterSeconds(): number | undefined {
    const value = this.body.retryAfterSeconds;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;

/** The CSRF token for requests sent without apiRequest (uploads with progress); null when signed out. */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Remember the token from the latest login or `me` answer; `null` after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedListener = () => void;
let unauthenticatedListener: UnauthenticatedListener = () => {};

/** Called when any request (other than those that opt out) is answered 401: the session is gone. */
export function onUnauthenticated(listener: UnauthenticatedListener): void {
  unauthenticatedListener = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  /** Appended as a query string; `undefined` values are left out. */
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  signal?: AbortSignal;
  /** A 401 is an expected answer for this request (login, `me`, logout) and must not end the session. */
  allowUnauthenticated?: boolean;
  /** The reader's language, for answers the server words (system messages in a transcript). */
  language?: string;
}

/** Performs a request and returns the parsed JSON body, or `undefined` for an empty (e.g. 204) answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && csrfToken !== null) headers.set('X-CSRF-Token', csrfToken);
  if (options.language) headers.set('Accept-Language', options.language);

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    // Callers that abort on purpose (React Query cancelling a query) expect the AbortError itself.
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, clientErrorCodes.networkUnreachable, 'The server could not be reached.');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.allowUnauthenticated) unauthenticatedListener();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(
      response.status,
      clientErrorCodes.unexpectedResponse,
      'The server sent an unreadable answer.',
    );
  }
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJsonObject(response);
  const retryAfterHeader = Number(response.headers.get('Retry-After'));
  if (body.retryAfterSeconds === undefined && Number.isFinite(retryAfterHeader) && retryAfterHeader > 0) {
    body.retryAfterSeconds = retryAfterHeader;
  }
  if (typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(response.status, body.code, body.message, body);
  }
  return new ApiError(
    response.status,
    clientErrorCodes.unexpectedResponse,
    response.statusText || `HTTP ${response.status}`,
    body,
  );
}

async function readJsonObject(response: Response): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await response.json();
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? { ...(parsed as Record<string, unknown>) }
      : {};
  } catch {
    return {};
  }
}
