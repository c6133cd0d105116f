/**
 * Every error a client can see has a stable code. The HTTP status follows from the code alone, so
 * services raise domain errors without knowing about HTTP.
 */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  'auth.rate_limited': 429,
  headers_too_large: 431,
  'live.invalid_widget_key': 401,
  'live.invalid_client_token': 401,
  'live.banned': 403,
  'live.origin_not_allowed': 403,
  'live.no_user': 403,
  'live.not_participant': 403,
  'live.no_offer': 409,
  'live.session_ended': 409,
  'routing.session_ended': 409,
  'routing.operator_unavailable': 409,
  'routing.operator_full': 409,
  'routing.group_full': 409,
  'routing.already_there': 409,
  'channels.invalid_signature': 401,
  'channels.verification_failed': 403,
  'channels.account_disabled': 403,
  'channels.file_missing': 410,
  'recordings.disabled': 403,
  'recordings.wrong_channel': 409,
  'recordings.wrong_type': 415,
  'recordings.too_large': 413,
  'recordings.not_ready': 409,
  'recordings.file_missing': 410,
  'files.too_large': 413,
  'files.missing': 410,
  'files.deleted': 410,
  'channels.not_whatsapp': 409,
  'channels.templates_unavailable': 502,
  'restore.not_messaging': 422,
  'restore.session_live': 409,
  'restore.no_platform_client': 422,
  'restore.account_disabled': 409,
  'restore.client_banned': 403,
  'restore.window_closed': 422,
  'restore.template_required': 422,
  'restore.template_not_allowed': 422,
  'restore.template_unknown': 422,
  'restore.template_parameters': 422,
  'restore.group_required': 422,
  'users.email_taken': 409,
  'users.last_admin': 409,
  'users.wrong_password': 400,
  'groups.in_use': 409,
  'groups.name_taken': 409,
  'widgets.name_taken': 409,
  'bans.invalid_identity': 400,
  'bans.already_lifted': 409,
  'export.too_large': 409,
  'export.not_ready': 409,
  'export.expired': 410,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the response body, e.g. `retryAfterSeconds` or the offending `parameter`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'Your role does not allow this.'): AppError =>
  new AppError('auth.forbidden', message);
export const invalid = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('validation_failed', message, details);
