import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { apiKeyIsolationCases } from './isolation/api-key.isolation';
import { authIsolationCases } from './isolation/auth.isolation';
import { channelIsolationCases } from './isolation/channel.isolation';
import { exportIsolationCases } from './isolation/export.isolation';
import { importIsolationCases } from './isolation/import.isolation';
import { liveIsolationCases } from './isolation/live.isolation';
import { restoreIsolationCases } from './isolation/restore.isolation';
import { routingIsolationCases } from './isolation/routing.isolation';
import { routingTargetsIsolationCases } from './isolation/routing-targets.isolation';
import { noteIsolationCases } from './isolation/note.isolation';
import { preferenceIsolationCases } from './isolation/preference.isolation';
import { sessionIsolationCases } from './isolation/session.isolation';
import { recordingIsolationCases } from './isolation/recording.isolation';
import { auditIsolationCases } from './isolation/audit.isolation';
import { banIsolationCases } from './isolation/ban.isolation';
import { groupIsolationCases } from './isolation/group.isolation';
import { widgetIsolationCases } from './isolation/widget.isolation';
import { settingsIsolationCases } from './isolation/settings.isolation';
import { userIsolationCases } from './isolation/user.isolation';
import type { TestTenant } from './factories';

export interface IsolationContext {
  app: App;
  services: Services;
  /** The caller's tenant. */
  a: TestTenant;
  /** Another tenant whose data must stay out of reach. */
  b: TestTenant;
}

/** Route ("METHOD /url") → a check that tenant A's caller can neither see nor change tenant B's data. */
export type IsolationCases = Record<string, (ctx: IsolationContext) => Promise<void>>;

/**
 * Every API route's isolation case. Each module keeps its cases in `<module>.isolation.ts`; the access
 * test fails when a registered route has no entry here, so a new route cannot skip this.
 */
export const isolationCases: IsolationCases = {
  ...authIsolationCases,
  ...apiKeyIsolationCases,
  ...importIsolationCases,
  ...routingIsolationCases,
  ...routingTargetsIsolationCases,
  ...liveIsolationCases,
  ...sessionIsolationCases,
  ...recordingIsolationCases,
  ...noteIsolationCases,
  ...preferenceIsolationCases,
  ...exportIsolationCases,
  ...channelIsolationCases,
  ...userIsolationCases,
  ...settingsIsolationCases,
  ...auditIsolationCases,
  ...groupIsolationCases,
  ...widgetIsolationCases,
  ...banIsolationCases,
  ...restoreIsolationCases,
};
