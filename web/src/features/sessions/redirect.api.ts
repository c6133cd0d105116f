import { apiRequest } from '../../lib/api';
import type { RoutingTimeline } from './sessions.api';

/** `GET /api/v1/routing/targets`: where a manager can redirect a live session. */
export interface RoutingTargets {
  operators: {
    id: string;
    name: string;
    state: 'online' | 'away' | 'break' | 'offline';
    activeSessions: number;
    capacity: number;
  }[];
  groups: {
    id: string;
    name: string;
    strategy: 'utilisation' | 'whole_group';
    queued: number;
    queueSize: number;
  }[];
}

export type RedirectTarget = { operatorId: string } | { groupId: string };

export const redirectApi = {
  targets: (signal?: AbortSignal) => apiRequest<RoutingTargets>('/api/v1/routing/targets', { signal }),
  redirect: (sessionId: string, target: RedirectTarget) =>
    apiRequest<RoutingTimeline>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/redirect`, {
      method: 'POST',
      body: target,
    }),
};

export const redirectKeys = {
  targets: ['routing', 'targets'] as const,
};

/** Live statuses a session can be redirected from. */
export const redirectableStatuses: readonly string[] = ['queued', 'offered', 'active', 'after_work'];
