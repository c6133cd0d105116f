import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

/** Channel accounts (`/api/v1/channels`, admins): types read from the generated OpenAPI types. */
export type ChannelAccount = ApiResponse<'/api/v1/channels/{id}', 'get'>;
export type ChannelList = ApiResponse<'/api/v1/channels', 'get'>;
export type CreateChannel = ApiRequestBody<'/api/v1/channels', 'post'>;
export type UpdateChannel = ApiRequestBody<'/api/v1/channels/{id}', 'patch'>;
export type ChannelType = ChannelAccount['type'];
export type TemplateList = ApiResponse<'/api/v1/channels/{id}/templates', 'get'>;

export const channelTypes: readonly ChannelType[] = ['whatsapp', 'messenger', 'apple', 'vkontakte'];

/** Each platform's fields: ids and settings (shown), secrets (write-only; never shown again). */
export const channelFields: Record<
  ChannelType,
  {
    settings: readonly string[];
    secrets: readonly string[];
    flags?: readonly string[];
    /** Settings that may stay empty. */
    optional?: readonly string[];
  }
> = {
  whatsapp: {
    settings: ['phoneNumberId', 'businessAccountId'],
    secrets: ['accessToken', 'appSecret', 'verifyToken'],
    optional: ['businessAccountId'],
  },
  messenger: {
    settings: ['pageId'],
    secrets: ['pageAccessToken', 'appSecret', 'verifyToken'],
    flags: ['humanAgentTag'],
  },
  apple: { settings: ['businessId', 'mspId'], secrets: ['mspSecret'] },
  vkontakte: { settings: ['communityId'], secrets: ['accessToken', 'confirmationCode', 'secretKey'] },
};

export const channelsApi = {
  list: (signal?: AbortSignal) => apiRequest<ChannelList>('/api/v1/channels', { signal }),
  create: (body: CreateChannel) => apiRequest<ChannelAccount>('/api/v1/channels', { method: 'POST', body }),
  update: (id: string, body: UpdateChannel) =>
    apiRequest<ChannelAccount>(`/api/v1/channels/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  templates: (id: string, signal?: AbortSignal) =>
    apiRequest<TemplateList>(`/api/v1/channels/${encodeURIComponent(id)}/templates`, { signal }),
  syncTemplates: (id: string) =>
    apiRequest<TemplateList>(`/api/v1/channels/${encodeURIComponent(id)}/templates/sync`, { method: 'POST' }),
};

export const channelKeys = {
  list: ['channels', 'list'] as const,
  templates: (id: string) => ['channels', 'templates', id] as const,
};
