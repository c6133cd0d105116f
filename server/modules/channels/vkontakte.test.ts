import { describe, expect, it } from 'vitest';
import { deliveryRow, operatorReply, transcript, useChannelTestApp } from '../../test/channel-kit';
import { eventually, pendingOffers } from '../../test/live-kit';

/** VK end to end: the stand-in's Callback API events and messages.send, over real HTTP. */
const { app, services, connect, sessionOf } = await useChannelTestApp('vkontakte');

describe('VK Callback API', () => {
  it('answers the confirmation with the account’s code; refuses a wrong secret, storing nothing', async () => {
    const setup = await connect();
    const confirmation = await setup.sandbox.vkontakte.confirm(setup.platformId);
    expect(confirmation).toEqual({ status: 200, body: setup.verifyToken });
    const forged = await setup.sandbox.vkontakte.event(
      setup.platformId,
      'message_new',
      { message: { id: 1, from_id: 555, peer_id: 555, text: 'podvrh', attachments: [] } },
      { secret: 'wrong' },
    );
    expect(forged.status).toBe(401);
    const stored = await services.db
      .selectFrom('channel_inbound')
      .select('message_id')
      .where('tenant_id', '=', setup.tenant.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('takes text and photos into a routed session, once however often VK repeats them', async () => {
    const setup = await connect();
    const first = await setup.sandbox.vkontakte.inbound(setup.platformId, '777001', { text: 'Здравствуйте' });
    expect(first.body).toBe('ok');
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100, 2)]);
    const second = await setup.sandbox.vkontakte.inbound(setup.platformId, '777001', {
      photo: { bytes: photo, mimeType: 'image/jpeg' },
    });
    for (const again of [second, first, second])
      expect((await setup.sandbox.redeliver(again)).status).toBe(200);
    const session = await sessionOf(setup, '777001', 2);
    expect(session.channel).toBe('vkontakte');
    const items = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(items.map((item) => item.text)).toEqual(['Здравствуйте', null]);
    expect(items[1]?.file).toMatchObject({ mimeType: 'image/jpeg', size: photo.length });
  });

  it('sends replies with messages.send; message_read marks them read; a resend after a lost answer is not doubled', async () => {
    const setup = await connect();
    await setup.sandbox.vkontakte.inbound(setup.platformId, '777002', { text: 'Привет' });
    const session = await sessionOf(setup, '777002');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const lineId = await operatorReply(app, setup.operator, session.id, 'Добрый день!');
    await eventually(
      async () => expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent'),
      20_000,
    );
    const [send] = setup.sandbox.sends('vkontakte');
    expect(send?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const row = await deliveryRow(services, setup.tenant.id, lineId);
    const recorded = setup.sandbox.sent.get(row.platform_message_id ?? '');
    expect(recorded?.body).toMatchObject({ peer_id: '777002', message: 'Добрый день!', v: '5.199' });

    // The platform took it but our commit was lost (a crash): the line is pending again and resent
    // with the same random_id, which VK does not send twice.
    await services.db
      .updateTable('channel_deliveries')
      .set({ state: 'pending', platform_message_id: null, sent_at: null })
      .where('tenant_id', '=', setup.tenant.id)
      .where('activity_id', '=', lineId)
      .execute();
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    const again = await deliveryRow(services, setup.tenant.id, lineId);
    expect(again.platform_message_id).toBe(row.platform_message_id);
    expect(
      [...setup.sandbox.sent.values()].filter((message) => message.platform === 'vkontakte'),
    ).toHaveLength(1);

    await setup.sandbox.vkontakte.read(setup.platformId, '777002', again.platform_message_id ?? '0');
    const line = (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId);
    expect(line?.delivery).toMatchObject({ state: 'read' });
  });

  it('fails a line with VK’s reason when the user does not allow the community’s messages', async () => {
    const setup = await connect();
    await setup.sandbox.vkontakte.inbound(setup.platformId, '777003', { text: 'Ахой' });
    const session = await sessionOf(setup, '777003');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    setup.sandbox.vkontakte.forbid(setup.platformId, '777003');
    const lineId = await operatorReply(app, setup.operator, session.id, 'Ответ');
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row).toMatchObject({ state: 'failed', error_code: '901' });
      expect(row.reason).toContain("Can't send messages for users without permission");
    }, 20_000);
  });
});
