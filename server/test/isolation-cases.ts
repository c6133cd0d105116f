import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { apiKeyIsolationCases } from '../modules/api-keys/api-key.isolation';
import { authIsolationCases } from '../modules/auth/auth.isolation';
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
};
