import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { channels, liveStatuses, sources } from '../../../common/domain';
import { uniqueSlug } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { importRecordSchema } from '../imports/import.schemas';
import { createGenerator } from './generator';

const { services } = await useTestApp();
const until = new Date('2026-06-01T12:00:00Z');

describe('session generator', () => {
  it('gives the same sessions for the same seed and different ones for another seed', () => {
    const a = createGenerator({ seed: 's1', sessions: 300, until, live: 5 });
    const b = createGenerator({ seed: 's1', sessions: 300, until, live: 5 });
    const c = createGenerator({ seed: 's2', sessions: 300, until, live: 5 });
    const first = [...a.sessions()];
    expect([...b.sessions()]).toEqual(first);
    expect([...c.sessions()].map((s) => s.activities[0]?.text)).not.toEqual(
      first.map((s) => s.activities[0]?.text),
    );
    // Any range can be generated on its own.
    expect(a.session(250)).toEqual(first[250]);
  });

  it('produces valid import records covering every channel and source, live ones at the end', () => {
    const generator = createGenerator({ seed: 'cover', sessions: 3000, until, live: 30 });
    const records = [...generator.sessions()];
    for (const record of records.slice(0, 200).concat(records.slice(-40))) {
      const parsed = importRecordSchema.safeParse(JSON.parse(JSON.stringify(record)));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(new Set(records.map((r) => r.channel))).toEqual(new Set(channels));
    expect(new Set(records.map((r) => r.source))).toEqual(new Set(sources));
    const live = records.slice(-30);
    expect(live.every((r) => r.status !== 'closed' && !r.endedAt)).toBe(true);
    expect(
      live.every((r) => r.createdAt <= until && r.createdAt.getTime() > until.getTime() - 3600_000),
    ).toBe(true);
    expect(records.slice(0, -30).every((r) => r.status === 'closed')).toBe(true);
    const earliest = Math.min(...records.map((r) => r.createdAt.getTime()));
    expect(earliest).toBeGreaterThanOrEqual(until.getTime() - 90 * 86_400_000);
    expect(records.filter((r) => r.ban).length).toBeGreaterThan(0);
    expect(records.filter((r) => r.restoredFrom).length).toBeGreaterThan(0);
  });
});

describe('seeding a tenant', () => {
  it('writes the same rows for the same seed', async () => {
    const slugs = [uniqueSlug('seed'), uniqueSlug('seed')];
    const dumps = [];
    for (const slug of slugs) {
      const result = await services.demo.seed({
        tenantSlug: slug,
        sessions: 120,
        seed: 'same',
        until,
        live: 4,
      });
      expect(result.created).toBe(120);
      const rows = await sql<{ row: unknown }>`
        SELECT jsonb_build_object(
          'session', to_jsonb(s) - 'id' - 'tenant_id' - 'group_id' - 'chatbot_id' - 'widget_id' - 'contact_id'
                     - 'operator_ids' - 'restored_from_id' - 'restored_as_id'
                     -- which transaction wrote the row (bookkeeping of the facet index, migration 0015)
                     - 'change_xid',
          'activities', (SELECT jsonb_agg(jsonb_build_array(a.at, a.sender, a.type, a.text, a.file_name, a.system_code)
                                          ORDER BY a.at, a.id)
                         FROM activities a WHERE a.tenant_id = s.tenant_id AND a.session_id = s.id)) AS row
        FROM sessions s JOIN tenants t ON t.id = s.tenant_id
        WHERE t.slug = ${slug} ORDER BY s.external_id`.execute(services.db);
      dumps.push(rows.rows.map((r) => r.row));
    }
    expect(dumps[0]).toHaveLength(120);
    expect(dumps[1]).toEqual(dumps[0]);
  });

  it('gives a first-time user live sessions, every channel, Czech text with diacritics and the rest', async () => {
    const slug = uniqueSlug('demo');
    const result = await services.demo.seed({
      tenantSlug: slug,
      sessions: 1500,
      seed: 'demo',
      until: new Date(),
      live: 30,
    });
    const tenantId = result.tenantId;
    const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(services.db)).rows[0]!;

    const live = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions
      WHERE tenant_id = ${tenantId} AND status = ANY(${[...liveStatuses]}::text[]) AND ended_at IS NULL`);
    expect(live.n).toBe(30);
    const channelsSeen = await one(sql<{ list: string[] }>`
      SELECT array_agg(DISTINCT channel) AS list FROM sessions WHERE tenant_id = ${tenantId}`);
    expect(new Set(channelsSeen.list)).toEqual(new Set(channels));
    // Inflected Czech words with diacritics, findable by the search document.
    const czech = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions WHERE tenant_id = ${tenantId}
      AND search_document @@ to_tsquery('sessiondesk', 'objednavku | objednavce | faktury | reklamace')`);
    expect(czech.n).toBeGreaterThan(100);
    const diacritics = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM activities WHERE tenant_id = ${tenantId} AND text ~ '[áčďéěíňóřšťúůýž]'`);
    expect(diacritics.n).toBeGreaterThan(1000);
    const prislusi = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions WHERE tenant_id = ${tenantId}
      AND search_document @@ to_tsquery('sessiondesk', 'prislusi')`);
    expect(prislusi.n).toBeGreaterThan(0);

    const system = await one(sql<{ n: number; codes: string[] }>`
      SELECT count(*)::int AS n, array_agg(DISTINCT system_code) AS codes FROM activities
      WHERE tenant_id = ${tenantId} AND type = 'system' AND text IS NOT NULL AND system_data IS NOT NULL`);
    expect(system.codes).toEqual(
      expect.arrayContaining(['joined', 'left', 'redirected', 'ended', 'recording_started']),
    );
    const withoutRouting = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions s WHERE s.tenant_id = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM routing_events r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id)`);
    expect(withoutRouting.n).toBe(0);
    const extras = await one(sql<{
      files: number;
      notes: number;
      recordings: number;
      restored: number;
      bans: number;
      rated: number;
      operators: number;
      groups: number;
      bots: number;
      params: number;
      recording: boolean;
    }>`
      SELECT (SELECT count(*)::int FROM activities WHERE tenant_id = ${tenantId} AND type = 'file') AS files,
             (SELECT count(*)::int FROM notes WHERE tenant_id = ${tenantId}) AS notes,
             (SELECT count(*)::int FROM recordings WHERE tenant_id = ${tenantId}) AS recordings,
             (SELECT count(*)::int FROM sessions WHERE tenant_id = ${tenantId} AND restored_from_id IS NOT NULL) AS restored,
             (SELECT count(*)::int FROM bans WHERE tenant_id = ${tenantId}) AS bans,
             (SELECT count(*)::int FROM sessions WHERE tenant_id = ${tenantId} AND rating IS NOT NULL) AS rated,
             (SELECT count(*)::int FROM users WHERE tenant_id = ${tenantId} AND role = 'operator') AS operators,
             (SELECT count(*)::int FROM operator_groups WHERE tenant_id = ${tenantId}) AS groups,
             (SELECT count(*)::int FROM chatbots WHERE tenant_id = ${tenantId}) AS bots,
             (SELECT count(*)::int FROM param_names WHERE tenant_id = ${tenantId}) AS params,
             (SELECT recording_av AND recording_phone FROM tenant_settings WHERE tenant_id = ${tenantId}) AS recording`);
    expect(extras.files).toBeGreaterThan(0);
    expect(extras.notes).toBeGreaterThan(0);
    expect(extras.recordings).toBeGreaterThan(0);
    expect(extras.restored).toBeGreaterThan(0);
    expect(extras.bans).toBeGreaterThan(0);
    expect(extras.rated).toBeGreaterThan(0);
    expect(extras.operators).toBe(20);
    expect(extras.groups).toBeGreaterThanOrEqual(4);
    expect(extras.bots).toBe(3);
    expect(extras.params).toBeGreaterThanOrEqual(4);
    expect(extras.recording).toBe(true);
  });
});
