import { ADMINS, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { settingsPatchBody, settingsSchema } from './settings.schemas';

export function settingsRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/settings',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['settings'],
        summary: "The tenant's settings",
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => services.settings.get(principalOf(request).tenantId),
  );

  app.patch(
    '/api/v1/settings',
    {
      config: { access: ADMINS },
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['settings'],
        summary: 'Change any of the settings; audited with the values before and after',
        description:
          'Every instance applies the change at once (a NOTIFY drops their cached settings). ' +
          'A change to the same values writes no audit event. 400 `validation_failed` for an unknown ' +
          'field, a value out of range or a time zone PostgreSQL does not know.',
        body: settingsPatchBody,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => services.settings.change(principalOf(request), request.body),
  );
}
