import { z } from 'zod';
import { ANY_ROLE } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, isoDateOrNull } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { MAX_PREFERENCE_BYTES } from './preference.service';

const keyParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dots, dashes and underscores, up to 100'),
});
const preferenceSchema = z.object({ key: z.string(), value: z.unknown(), updatedAt: isoDateOrNull });

export function preferenceRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/preferences/:key',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['preferences'],
        summary: "One of the caller's preferences (e.g. sessions.columns); value null when never saved",
        params: keyParams,
        response: { 200: preferenceSchema, ...errorResponses },
      },
    },
    async (request) => services.preferences.get(principalOf(request), request.params.key),
  );

  app.put(
    '/api/v1/preferences/:key',
    {
      config: { access: ANY_ROLE },
      bodyLimit: MAX_PREFERENCE_BYTES + 1024,
      schema: {
        tags: ['preferences'],
        summary: "Save one of the caller's preferences: any JSON value up to 64 KiB",
        params: keyParams,
        body: z.object({ value: z.unknown() }),
        response: { 200: preferenceSchema, ...errorResponses, 413: errorSchema },
      },
    },
    async (request) => services.preferences.put(principalOf(request), request.params.key, request.body.value),
  );
}
