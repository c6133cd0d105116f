import { describe, expect, it } from 'vitest';
import { createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { auditJson, recordAudit } from './audit.repository';

const { services } = await useTestApp();

describe('audit data', () => {
  it('keeps U+0000 from client input as visible text, and leaves an escaped backslash alone', () => {
    expect(JSON.parse(auditJson({ text: 'a\u0000b' }))).toEqual({ text: 'a\\u0000b' });
    expect(JSON.parse(auditJson({ text: 'written out: \\u0000' }))).toEqual({ text: 'written out: \\u0000' });
    expect(JSON.parse(auditJson({ text: '\\\u0000' }))).toEqual({ text: '\\\\u0000' });
    expect(JSON.parse(auditJson({ ['k\u0000']: ['\u0000'] }))).toEqual({ 'k\\u0000': ['\\u0000'] });
  });

  it('stores an entry quoting U+0000 instead of losing it', async () => {
    const tenant = await createTenant(services);
    await recordAudit(
      services.db,
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { action: 'import', data: { reason: 'bad\u0000key' } },
    );
    const row = await services.db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(row.data).toEqual({ reason: 'bad\\u0000key' });
  });
});
