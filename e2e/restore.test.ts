import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsSandbox } from '../server/modules/channels/sandbox/channels-sandbox';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { clientWroteHoursAgo } from './support/demo';
import { startServer, type RunningServer } from './support/server';
import { apiSession } from './support/api';

/**
 * Restore in the browser: a WhatsApp session ended, the client last wrote 25 hours ago, so the dialog
 * offers only an approved template; the user picks it, fills its parameters, sees the preview, and the
 * new session appears in the Live table linked back to the old one.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

/** The open modal's opacity: it fades in, and a screenshot taken meanwhile catches it half-transparent. */
type Styled = { ownerDocument: { defaultView: { getComputedStyle(element: unknown): { opacity: string } } } };
async function modalShown(page: Page) {
  await expect
    .poll(() =>
      page
        .locator('.mantine-Modal-content')
        .evaluate((element: Styled) => element.ownerDocument.defaultView.getComputedStyle(element).opacity),
    )
    .toBe('1');
}

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

describe('restore an ended WhatsApp session', () => {
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

  it('outside the 24-hour window with a template; the new session is in the Live table, linked back', async () => {
    const admin = await apiSession(server, server.login.email, server.login.password);
    const secrets = { accessToken: 'EAA-e2e', appSecret: randomBytes(8).toString('hex'), verifyToken: 'v' };
    const created = await admin('POST', '/api/v1/channels', {
      type: 'whatsapp',
      name: 'E2E WhatsApp',
      config: {
        phoneNumberId: '555000222',
        businessAccountId: '777000222',
        ...secrets,
        baseUrl: sandbox.url,
      },
    });
    expect(created.status).toBe(201);
    const account = created.body as { id: string };
    sandbox.whatsapp.addAccount({
      phoneNumberId: '555000222',
      businessAccountId: '777000222',
      ...secrets,
      webhookUrl: `${server.url}/webhooks/whatsapp/${account.id}`,
    });
    sandbox.whatsapp.setTemplates('777000222', [
      {
        name: 'order_ready',
        language: 'cs',
        category: 'UTILITY',
        status: 'APPROVED',
        body: 'Dobrý den {{1}}, vaše objednávka {{2}} je připravena k vyzvednutí.',
      },
      {
        name: 'order_ready',
        language: 'en_US',
        category: 'UTILITY',
        status: 'APPROVED',
        body: 'Hello {{1}}, your order {{2}} is ready for pickup.',
      },
      { name: 'big_sale', language: 'cs', category: 'MARKETING', status: 'PENDING', body: 'Sleva {{1}} %' },
    ]);
    expect((await admin('POST', `/api/v1/channels/${account.id}/templates/sync`)).status).toBe(200);

    // The client writes; an operator takes the session and ends it.
    const email = `restore-${randomBytes(3).toString('hex')}@demo.example`;
    await promisify(execFile)(
      process.execPath,
      [
        path.join(ROOT, 'bin/sessiondesk.mjs'),
        ...['user', 'create', '--tenant', server.login.tenant, '--email', email, '--role', 'operator'],
        ...['--name', 'Olga Obnovná', '--password', 'e2e-operator-password'],
      ],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' } },
    );
    const operator = await apiSession(server, email, 'e2e-operator-password');
    const me = (await operator('GET', '/api/v1/me')).body as { user: { id: string } };
    expect((await operator('PUT', '/api/v1/live/operator/state', { state: 'online' })).status).toBe(200);
    await sandbox.whatsapp.inbound(
      '555000222',
      { waId: '420777222333', name: 'Wanda Whatsappová' },
      { text: 'Dobrý den, kdy bude moje objednávka hotová?' },
    );
    let sessionId = '';
    await poll(async () => {
      const list = await admin('GET', '/api/v1/sessions?view=live&clientName.contains=Wanda');
      sessionId = (list.body as { items: { id: string }[] }).items[0]?.id ?? '';
      return sessionId;
    }).toMatch(/^\d+$/);
    expect(
      (await admin('POST', `/api/v1/sessions/${sessionId}/redirect`, { operatorId: me.user.id })).status,
    ).toBe(200);
    expect((await operator('POST', `/api/v1/live/operator/sessions/${sessionId}/accept`)).status).toBe(200);
    expect((await operator('POST', `/api/v1/live/operator/sessions/${sessionId}/end`, {})).status).toBe(200);
    // A day and an hour later.
    await clientWroteHoursAgo(server, '420777222333', 25);
    sandbox.advance(25 * 3600 * 1000);

    await page.goto(`${server.url}/sessions?view=history&open=${sessionId}`);
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    const restoreButton = panel.getByRole('button', { name: 'Restore' });
    await poll(() => restoreButton.isEnabled()).toBe(true);
    await restoreButton.click();

    const dialog = page.getByRole('dialog', { name: `Restore session ${sessionId}` });
    await poll(() => dialog.getByTestId('restore-reason').textContent()).toContain(
      'WhatsApp allows only an approved template',
    );
    await dialog
      .getByRole('combobox', { name: 'Approved template' })
      .or(dialog.getByRole('textbox', { name: 'Approved template' }))
      .first()
      .click();
    // Only the approved ones are offered.
    await poll(() => page.getByRole('option').count()).toBe(2);
    await page.getByRole('option', { name: 'order_ready · en_US' }).click();
    await dialog.getByLabel('Parameter {{1}}').fill('Wanda');
    await dialog.getByLabel('Parameter {{2}}').fill('A-1042');
    await poll(() => dialog.getByTestId('restore-preview').textContent()).toBe(
      'Hello Wanda, your order A-1042 is ready for pickup.',
    );
    await screenshot(page, 'restore-1-template-dialog');
    await dialog.getByRole('button', { name: 'Restore and send' }).click();

    // The new session opens in the Live view, linked back to the old one.
    await poll(() => new URL(page.url()).searchParams.get('view')).toBe('live');
    const newId = new URL(page.url()).searchParams.get('open') ?? '';
    expect(newId).toMatch(/^\d+$/);
    expect(newId).not.toBe(sessionId);
    await poll(() => panel.getByTestId('restored-from').textContent()).toBe(`Restored from #${sessionId}`);
    // The History rows stay on screen until the Live view's arrive (the old session is among them).
    const row = page.locator('tbody tr').filter({ hasText: 'Wanda Whatsappová' });
    await poll(async () =>
      (await row.count()) === 1 ? (await row.locator('td').first().textContent())?.trim() : undefined,
    ).toBe(newId);
    await poll(() => panel.getByText('Hello Wanda, your order A-1042 is ready for pickup.').count()).toBe(1);
    await screenshot(page, 'restore-2-new-session-live');

    // The template reached the stand-in in the Cloud API's format.
    const sent = sandbox.sends('whatsapp').filter((request) => request.status === 200);
    expect(sent.at(-1)?.body).toMatchObject({
      type: 'template',
      template: { name: 'order_ready', language: { code: 'en_US' } },
    });

    // The link back as a column of the Live table, clickable.
    await page.goto(
      `${server.url}/sessions?view=live&cols=id,status,channel,clientName,restoredFrom&open=${newId}`,
    );
    const link = page
      .locator('tbody tr')
      .filter({ hasText: 'Wanda Whatsappová' })
      .getByRole('button', {
        name: `#${sessionId}`,
      });
    await poll(() => link.count()).toBe(1);
    await link.click();
    await poll(() => new URL(page.url()).searchParams.get('open')).toBe(sessionId);
    await poll(() => panel.getByTestId('restored-as').textContent()).toBe(`Restored as #${newId}`);
    await screenshot(page, 'restore-3-restored-as');

    // Administration › Channels shows the account's templates, which are offered and why not.
    await page.goto(`${server.url}/admin/channels`);
    await page
      .getByRole('row')
      .filter({ hasText: 'E2E WhatsApp' })
      .getByRole('button', { name: 'Templates' })
      .click();
    const templates = page.getByRole('dialog', { name: 'WhatsApp message templates – E2E WhatsApp' });
    await poll(() => templates.getByRole('row').count()).toBe(4);
    expect(await templates.getByRole('row').filter({ hasText: 'big_sale' }).textContent()).toContain(
      'not offered',
    );
    await modalShown(page);
    await screenshot(page, 'restore-5-channel-templates');

    // Czech, at phone width: the same dialog for the old session now says the client has a live one.
    const phone = await browser.newContext({
      locale: 'cs-CZ',
      timezoneId: 'Europe/Prague',
      viewport: { width: 390, height: 844 },
      storageState: await page.context().storageState(),
    });
    const czech = await phone.newPage();
    await czech.goto(`${server.url}/sessions?view=history&open=${sessionId}`);
    const obnovit = czech.getByRole('button', { name: 'Obnovit' });
    await poll(() => obnovit.isEnabled()).toBe(true);
    await obnovit.click();
    await poll(() =>
      czech.getByText(`Klient už má na tomto účtu živé sezení ${newId}`, { exact: false }).count(),
    ).toBe(1);
    // The modal fades in: the screenshot waits until it is fully shown.
    await modalShown(czech);
    await screenshot(czech, 'restore-4-dialog-cs-phone');
    await phone.close();
  });
});
