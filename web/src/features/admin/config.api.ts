import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

export type Group = ApiResponse<'/api/v1/groups/{id}', 'get'>;
export type GroupBody = ApiRequestBody<'/api/v1/groups/{id}', 'patch'>;
export type Rule = ApiResponse<'/api/v1/routing-rules/{id}', 'patch'>;
export type RuleBody = ApiRequestBody<'/api/v1/routing-rules/{id}', 'patch'>;
export type RuleTest = ApiRequestBody<'/api/v1/routing-rules/test', 'post'>;
export type Widget = ApiResponse<'/api/v1/widgets/{id}', 'patch'>;
export type ApiKey = ApiResponse<'/api/v1/api-keys', 'get'>['items'][number];

const id = (value: string) => encodeURIComponent(value);

/** Groups, routing rules, widgets and API keys: the routing configuration's API. */
export const configApi = {
  groups: (signal?: AbortSignal) => apiRequest<{ items: Group[] }>('/api/v1/groups', { signal }),
  createGroup: (body: GroupBody & { name: string }) =>
    apiRequest<Group>('/api/v1/groups', { method: 'POST', body }),
  updateGroup: (groupId: string, body: GroupBody) =>
    apiRequest<Group>(`/api/v1/groups/${id(groupId)}`, { method: 'PATCH', body }),
  deleteGroup: (groupId: string) =>
    apiRequest<undefined>(`/api/v1/groups/${id(groupId)}`, { method: 'DELETE' }),

  rules: (signal?: AbortSignal) => apiRequest<{ items: Rule[] }>('/api/v1/routing-rules', { signal }),
  chatbots: (signal?: AbortSignal) =>
    apiRequest<{ items: { id: string; name: string }[] }>('/api/v1/chatbots', { signal }),
  createRule: (body: ApiRequestBody<'/api/v1/routing-rules', 'post'>) =>
    apiRequest<Rule>('/api/v1/routing-rules', { method: 'POST', body }),
  updateRule: (ruleId: string, body: RuleBody) =>
    apiRequest<Rule>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'PATCH', body }),
  deleteRule: (ruleId: string) =>
    apiRequest<undefined>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'DELETE' }),
  reorderRules: (ids: string[]) =>
    apiRequest<{ items: Rule[] }>('/api/v1/routing-rules/order', { method: 'PUT', body: { ids } }),
  testRule: (body: RuleTest) =>
    apiRequest<{ rule: Rule | null }>('/api/v1/routing-rules/test', { method: 'POST', body }),

  widgets: (signal?: AbortSignal) => apiRequest<{ items: Widget[] }>('/api/v1/widgets', { signal }),
  createWidget: (body: { name: string; allowedOrigins?: string[] }) =>
    apiRequest<Widget>('/api/v1/widgets', { method: 'POST', body }),
  updateWidget: (widgetId: string, body: { name?: string; allowedOrigins?: string[] }) =>
    apiRequest<Widget>(`/api/v1/widgets/${id(widgetId)}`, { method: 'PATCH', body }),
  rotateWidgetKey: (widgetId: string) =>
    apiRequest<Widget>(`/api/v1/widgets/${id(widgetId)}/rotate-key`, { method: 'POST' }),

  apiKeys: (signal?: AbortSignal) => apiRequest<{ items: ApiKey[] }>('/api/v1/api-keys', { signal }),
  createApiKey: (body: ApiRequestBody<'/api/v1/api-keys', 'post'>) =>
    apiRequest<ApiResponse<'/api/v1/api-keys', 'post', 201>>('/api/v1/api-keys', { method: 'POST', body }),
  revokeApiKey: (keyId: string) => apiRequest<unknown>(`/api/v1/api-keys/${id(keyId)}`, { method: 'DELETE' }),
};

export const configKeys = {
  groups: ['admin', 'groups'] as const,
  rules: ['admin', 'rules'] as const,
  chatbots: ['admin', 'chatbots'] as const,
  widgets: ['admin', 'widgets'] as const,
  apiKeys: ['admin', 'api-keys'] as const,
};
