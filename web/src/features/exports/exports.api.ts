import { apiRequest } from '../../lib/api';
import type { ApiResponse } from '../../lib/api-schema';

/** The export API (server/modules/exports): direct download links and background jobs. */

export type ExportFormat = 'csv' | 'html';
export type CsvSeparator = 'semicolon' | 'comma';

export interface ExportOptions {
  format: ExportFormat;
  /** The sessions list's parameters (view, q, sort, filters). */
  query: Readonly<Record<string, string>>;
  columns: readonly string[];
  lang: 'cs' | 'en';
  timeZone: string;
  separator: CsvSeparator;
  transcript: boolean;
}

export type ExportJob = ApiResponse<'/api/v1/exports/{id}', 'get'>;

/** Up to this many sessions download directly; more run in the background (the server's limit). */
export const DIRECT_EXPORT_LIMIT = 10_000;

/** The URL of a direct export: the browser downloads it with the login cookie (a GET needs no CSRF). */
export function directExportUrl(options: ExportOptions): string {
  const params = new URLSearchParams(options.query);
  // No columns yet (the catalogue is loading): the server's default-visible set.
  // Commas inside an id (a parameter's name) are escaped as `\,`, backslashes as `\\`.
  if (options.columns.length > 0) {
    const escaped = options.columns.map((id) => id.replaceAll('\\', '\\\\').replaceAll(',', '\\,'));
    params.set('columns', escaped.join(','));
  }
  params.set('lang', options.lang);
  params.set('tz', options.timeZone);
  if (options.format === 'csv') {
    params.set('separator', options.separator);
    params.set('transcript', String(options.transcript));
  }
  return `/api/v1/sessions/export.${options.format}?${params.toString()}`;
}

export function startExportJob(options: ExportOptions): Promise<ExportJob> {
  return apiRequest<ExportJob>('/api/v1/exports', {
    method: 'POST',
    body: {
      format: options.format,
      query: new URLSearchParams(options.query).toString(),
      ...(options.columns.length > 0 ? { columns: options.columns } : {}),
      lang: options.lang,
      tz: options.timeZone,
      separator: options.separator,
      transcript: options.transcript,
    },
  });
}

export function fetchExportJob(id: string, signal?: AbortSignal): Promise<ExportJob> {
  return apiRequest<ExportJob>(`/api/v1/exports/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function cancelExportJob(id: string): Promise<unknown> {
  return apiRequest(`/api/v1/exports/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
