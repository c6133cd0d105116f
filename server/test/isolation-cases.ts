import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { apiKeyIsolationCases } from '../modules/api-keys/api-key.isolation';
import { authIsolationCases } from '../modules/auth/auth.isolation';
import { exportIsolationCases } from '../modules/exports/export.isolation';
import { importIsolationCases } from '../modules/imports/import.isolation';
import { liveIsolationCases } from '../modules/live/live.isolation';
import { routingIsolationCases } from '../modules/routing/routing.isolation';
import { routingTargetsIsolationCases } from '../modules/routing/routing-targets.isolation';
import { noteIsolationCases } from '../modules/notes/note.isolation';
import { preferenceIsolationCases } from '../modules/preferences/preference.isolation';
import { sessionIsolationCases } from '../modules/sessions/session.isolation';
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
  ...noteIsolationCases,
  ...preferenceIsolationCases,
  ...exportIsolationCases,
};
