import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

export type AdminUser = ApiResponse<'/api/v1/users/{id}', 'get'>;
export type CreateUserBody = ApiRequestBody<'/api/v1/users', 'post'>;
export type CreatedUser = ApiResponse<'/api/v1/users', 'post', 201>;
export type PatchUserBody = ApiRequestBody<'/api/v1/users/{id}', 'patch'>;

export const usersApi = {
  list: (signal?: AbortSignal) => apiRequest<{ items: AdminUser[] }>('/api/v1/users', { signal }),
  create: (body: CreateUserBody) => apiRequest<CreatedUser>('/api/v1/users', { method: 'POST', body }),
  update: (id: string, body: PatchUserBody) =>
    apiRequest<AdminUser>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  resetPassword: (id: string) =>
    apiRequest<{ password: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`, {
      method: 'POST',
    }),
  changeOwnPassword: (body: ApiRequestBody<'/api/v1/me/password', 'post'>) =>
    apiRequest<undefined>('/api/v1/me/password', { method: 'POST', body }),
};

export const userKeys = { list: ['admin', 'users'] as const };
