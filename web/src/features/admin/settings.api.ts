import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

export type Settings = ApiResponse<'/api/v1/settings', 'get'>;
export type SettingsPatch = ApiRequestBody<'/api/v1/settings', 'patch'>;

export const settingsApi = {
  get: (signal?: AbortSignal) => apiRequest<Settings>('/api/v1/settings', { signal }),
  update: (body: SettingsPatch) => apiRequest<Settings>('/api/v1/settings', { method: 'PATCH', body }),
};

export const settingsKeys = { all: ['admin', 'settings'] as const };
