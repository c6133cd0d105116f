import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../../../e2e/support/browser';
import { bearer, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

const { app, services } = await useTestApp();

const INJECTIONS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'onerror\'">',
  '"><img src=x onerror=window.__pwned="attr">',
  '</textarea></details></td></tr></table><svg onload="window.__pwned=\'svg\'">',
];

describe('HTML export in a browser', () => {
  let tenant: TestTenant;
  let browser: Browser;
  let dir: string;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    tenant = await createTenant(services);
    const group = await services.db
      .insertInto('operator_groups')
      .values({ tenant_id: tenant.id, name: 'Reklamace <b>VIP</b>' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const first = await insertSession(
      services,
      tenant.id,
      { createdAt: new Date(Date.UTC(2025, 2, 1, 9, 0)), clientName: INJECTIONS[1], groupId: group.id },
      [
        { sender: 'client', text: 'Dobrý den, píšu kvůli objednávce 123.' },
        { sender: 'system', text: 'Operátor Jana se připojil' },
        { sender: 'client', text: INJECTIONS[0] },
        { sender: 'client', text: INJECTIONS[2] },
      ],
    );
    await services.db
      .insertInto('activities')
      .values({
        tenant_id: tenant.id,
        session_id: first,
        at: new Date(Date.UTC(2025, 2, 1, 9, 5)),
        sender: 'client',
        type: 'file',
        file_name: 'faktura-<script>.pdf',
        file_size: '48213',
        file_mime_type: 'application/pdf',
      })
      .execute();
    for (let i = 0; i < 30; i++) {
      await insertSession(
        services,
        tenant.id,
        {
          createdAt: new Date(Date.UTC(2025, 2, 2, 9, i)),
          clientName: `Klient ${i}`,
          feedback: INJECTIONS[3],
        },
        [
          {
            sender: 'client',
            text: `Zpráva ${i}: ${i % 10 === 0 ? 'Kde je má OBJEDNÁVKA?' : 'nic zvláštního'}`,
          },
          { sender: 'operator', text: 'Podívám se na to.' },
        ],
      );
    }

    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions/export.html?columns=id,clientName,group,feedback,createdAt&sort=createdAt&lang=cs',
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-html-'));
    const file = path.join(dir, 'export.html');
    fs.writeFileSync(file, response.rawPayload);

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes no request and runs nothing anyone wrote', async () => {
    expect(requests).toHaveLength(1);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('img, svg, b').count()).toBe(0);
    expect(errors).toEqual([]);
    const firstRow = page.locator('.s').first();
    await expect.poll(() => firstRow.locator('[role=cell]').nth(1).textContent()).toBe(INJECTIONS[1]);
    expect(await firstRow.locator('[role=cell]').nth(2).textContent()).toBe('Reklamace <b>VIP</b>');
    expect(await page.locator('.s').count()).toBe(31);
    expect(await page.locator('footer').textContent()).toContain('31');
  });

  it('shows the transcript with senders, files and system messages set apart', async () => {
    const transcript = page.locator('.s .t').first();
    await transcript.locator('summary').click();
    const items = transcript.locator('li');
    expect(await items.count()).toBe(5);
    expect(await items.nth(0).getAttribute('class')).toBe('client');
    expect(await items.nth(1).getAttribute('class')).toBe('system');
    expect(await items.nth(2).locator('.b').textContent()).toBe(INJECTIONS[0]);
    expect(await items.nth(4).getAttribute('class')).toBe('client file');
    expect(await items.nth(4).locator('.b').textContent()).toBe(
      'Soubor: faktura-<script>.pdf (47.1 KiB, application/pdf)',
    );
    expect(await items.nth(0).locator('time').textContent()).toBe('2025-03-01 10:00:00');
    await transcript.locator('summary').click();
  });

  it('finds words without diacritics and jumps between the hits', async () => {
    await page.locator('#q').fill('objednavk');
    await page.locator('#q').press('Enter');
    const counter = page.locator('#count');
    await expect.poll(() => counter.textContent()).toBe('1 / 3');
    const mark = page.locator('mark');
    expect(await mark.textContent()).toBe('OBJEDNÁVK');
    expect(await mark.isVisible()).toBe(true);
    await page.locator('#next').click();
    await expect.poll(() => counter.textContent()).toBe('2 / 3');
    expect(await page.locator('mark').count()).toBe(1);
    await page.locator('#prev').click();
    await page.locator('#prev').click();
    await expect.poll(() => counter.textContent()).toBe('3 / 3');

    await page.locator('#q').fill('objednavce');
    await page.locator('#q').press('Enter');
    await expect.poll(() => counter.textContent()).toBe('1 / 1');
    expect(await page.locator('mark').textContent()).toBe('objednávce');
    expect(await page.locator('mark').isVisible()).toBe(true);
    await screenshot(page, 'export-html-search');

    // The fleeting e, as in the app: the genitive plural finds the nominative.
    await page.locator('#q').fill('objednávek');
    await page.locator('#q').press('Enter');
    await expect.poll(() => counter.textContent()).toBe('1 / 3');
    expect(await page.locator('mark').textContent()).toBe('OBJEDNÁVK');

    await page.locator('#q').fill('zadne takove slovo');
    await page.locator('#q').press('Enter');
    await expect.poll(() => counter.textContent()).toBe('Nic nenalezeno');
    expect(await page.locator('mark').count()).toBe(0);
    // Searching never turned escaped text back into markup.
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
  });
});
