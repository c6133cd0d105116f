import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsSandbox } from '../server/modules/channels/sandbox/channels-sandbox';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { apiSession } from './support/api';

/**
 * A WhatsApp client writes through the stand-in Cloud API to the real server: the session appears in
 * the Live table by itself; an operator answers and the transcript shows the reply's delivery ticks as
 * the stand-in reports sent, delivered and read.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

describe('messaging channels', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const sandbox = channelsSandbox();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser(), sandbox.listen()]);
    page = await signedInPage(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox.close();
  });

  it('shows a WhatsApp message in the Live table and the reply’s delivery ticks in the transcript', async () => {
    const admin = await apiSession(server, server.login.email, server.login.password);
    const secrets = { accessToken: 'EAA-e2e', appSecret: randomBytes(8).toString('hex'), verifyToken: 'v' };
    const created = await admin('POST', '/api/v1/channels', {
      type: 'whatsapp',
      name: 'E2E WhatsApp',
      config: { phoneNumberId: '555000111', ...secrets, baseUrl: sandbox.url },
    });
    expect(created.status).toBe(201);
    const account = created.body as { id: string; webhookUrl: string };
    sandbox.whatsapp.addAccount({
      phoneNumberId: '555000111',
      ...secrets,
      webhookUrl: `${server.url}/webhooks/whatsapp/${account.id}`,
    });

    // An operator to answer, made as an administrator would.
    const email = `wa-${randomBytes(3).toString('hex')}@demo.example`;
    await promisify(execFile)(
      process.execPath,
      [
        path.join(ROOT, 'bin/sessiondesk.mjs'),
        ...['user', 'create', '--tenant', server.login.tenant, '--email', email, '--role', 'operator'],
        ...['--name', 'Olga Odpovědná', '--password', 'e2e-operator-password'],
      ],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' } },
    );
    const operator = await apiSession(server, email, 'e2e-operator-password');
    const me = (await operator('GET', '/api/v1/me')).body as { user: { id: string } };
    expect((await operator('PUT', '/api/v1/live/operator/state', { state: 'online' })).status).toBe(200);

    await page
      .locator('label')
      .filter({ hasText: /^Live$/ })
      .click();
    await poll(() => page.getByText('Updating in real time').isVisible()).toBe(true);

    const inbound = await sandbox.whatsapp.inbound(
      '555000111',
      { waId: '420777123456', name: 'Wanda Whatsappová' },
      { text: 'Dobrý den, píšu přes WhatsApp.' },
    );
    expect(inbound.status).toBe(200);
    const row = page.locator('tbody tr').filter({ hasText: 'Wanda Whatsappová' });
    await poll(() => row.count()).toBe(1);
    await screenshot(page, 'channels-1-whatsapp-live');

    // The admin hands the session to the operator, who accepts and answers through the operator API.
    const sessionId = (await row.locator('td').first().textContent())?.trim() ?? '';
    expect(sessionId).toMatch(/^\d+$/);
    expect(
      (await admin('POST', `/api/v1/sessions/${sessionId}/redirect`, { operatorId: me.user.id })).status,
    ).toBe(200);
    expect((await operator('POST', `/api/v1/live/operator/sessions/${sessionId}/accept`)).status).toBe(200);
    const reply = await operator('POST', `/api/v1/live/operator/sessions/${sessionId}/messages`, {
      text: 'Dobrý den, jak vám mohu pomoci?',
    });
    expect(reply.status).toBe(201);

    await row.locator('td').first().click();
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    const ticks = panel.locator('[data-delivery]');
    await poll(() => ticks.getAttribute('data-delivery')).toBe('sent');
    const accepted = sandbox.sends('whatsapp').find((request) => request.status === 200);
    const wamid = [...sandbox.sent.entries()].find(([, message]) => message.to === '420777123456')?.[0] ?? '';
    expect(accepted).toBeDefined();
    await sandbox.whatsapp.status(wamid, 'delivered');
    await poll(() => ticks.getAttribute('data-delivery')).toBe('delivered');
    await sandbox.whatsapp.status(wamid, 'read');
    await poll(() => ticks.getAttribute('data-delivery')).toBe('read');
    expect(await ticks.textContent()).toContain('Read');
    await screenshot(page, 'channels-2-delivery-ticks');
  });
});
