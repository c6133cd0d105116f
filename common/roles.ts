export const roles = ['admin', 'supervisor', 'operator'] as const;
export type Role = (typeof roles)[number];

/**
 * What an API key may act as: a person's role, or `media` — a media server or PBX that sends
 * recordings and may do nothing else (no route but the recording ingest lists it).
 */
export const apiKeyRoles = [...roles, 'media'] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];
