import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * Administration end to end, against the real server and its demo workspace: the admin adds an
 * operator, a group with her in it and a rule sending `param.lang = en` there (moved to the top), all in
 * the UI; a client started through the public client API with that parameter is offered to her; the
 * audit log shows each step.
 */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

describe('administration', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const suffix = randomBytes(3).toString('hex');
  const operator = {
    name: `Olga Adminová ${suffix}`,
    email: `olga-${suffix}@demo.example`,
    password: 'e2e-operator-password',
  };
  const groupName = `E2E English ${suffix}`;
  const ruleName = `E2E lang=en ${suffix}`;

  /** Picks an option of a Mantine Select (its list lives in a portal). */
  async function choose(input: Locator, option: string) {
    await input.click();
    await page.getByRole('option', { name: option }).click();
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await signedInPage(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds an operator, a group and a rule in the UI; a matching client is offered to her; the audit log shows it', async () => {
    // People: add the operator with a password of the admin's choosing.
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByRole('button', { name: 'Add person' }).click();
    const addPerson = page.getByRole('dialog', { name: 'Add person' });
    await addPerson.getByLabel('E-mail').fill(operator.email);
    await addPerson.getByLabel('Name').fill(operator.name);
    await addPerson.getByLabel('Password', { exact: true }).fill(operator.password);
    await addPerson.getByRole('button', { name: 'Add person' }).click();
    await poll(() => addPerson.isVisible()).toBe(false);
    await poll(() => page.locator(`[data-user="${operator.email}"]`).isVisible()).toBe(true);
    await screenshot(page, 'admin-1-people');

    // Groups: a new group with her as a member.
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('button', { name: 'New group' }).click();
    const newGroup = page.getByRole('dialog', { name: 'New group' });
    await newGroup.getByLabel('Name').fill(groupName);
    await choose(newGroup.getByPlaceholder('Add member'), `${operator.name} (${operator.email})`);
    await poll(() => newGroup.getByText(operator.name, { exact: true }).isVisible()).toBe(true);
    await newGroup.getByRole('button', { name: 'Save' }).click();
    await poll(() => newGroup.isVisible()).toBe(false);
    const card = page.locator(`[data-group="${groupName}"]`);
    await poll(() => card.getByText(operator.name).isVisible()).toBe(true);

    // Routing rules: param.lang = en → the group, then moved to the top.
    await page.getByRole('link', { name: 'Routing rules' }).click();
    await page.getByRole('button', { name: 'New rule' }).click();
    const newRule = page.getByRole('dialog', { name: 'New rule' });
    await newRule.getByLabel('Name').fill(ruleName);
    await newRule.getByLabel('Parameters').fill('lang = en');
    await choose(newRule.getByLabel('Target', { exact: true }), groupName);
    await newRule.getByRole('button', { name: 'Save' }).click();
    await poll(() => newRule.isVisible()).toBe(false);
    const order = async (): Promise<string> => {
      const rows = await page.locator('[data-rule]').all();
      return (await Promise.all(rows.map((row) => row.getAttribute('data-rule')))).join('\n');
    };
    const firstRule = () => page.locator('[data-rule]').first().getAttribute('data-rule');
    for (let i = 0; i < 20 && (await firstRule()) !== ruleName; i++) {
      const before = await order();
      await page.getByRole('button', { name: `Move up: ${ruleName}` }).click();
      await poll(order).not.toBe(before);
    }
    expect(await firstRule()).toBe(ruleName);

    // The tester agrees before any client comes.
    await page.getByLabel('Parameters').last().fill('lang = en');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.getByTestId('rule-test-result').textContent()).toContain(ruleName);
    await screenshot(page, 'admin-2-rules');

    // The operator signs in and goes online through the operator API.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenant: server.login.tenant,
        email: operator.email,
        password: operator.password,
      }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const asOperator = (method: string, url: string, body?: unknown) =>
      fetch(`${server.url}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await asOperator('PUT', '/api/v1/live/operator/state', { state: 'online' })).status).toBe(200);

    // The widget key, as the admin copies it from Web chat.
    await page.getByRole('link', { name: 'Web chat' }).click();
    const widgetKey = (await page.locator('[data-widget="main"] code').first().textContent())?.trim() ?? '';
    expect(widgetKey).not.toBe('');

    // A client with lang=en through the public client API is offered to her.
    const started = await fetch(`${server.url}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': widgetKey },
      body: JSON.stringify({ visitorId: `e2e-${suffix}`, name: 'John English', params: { lang: 'en' } }),
    });
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };
    await poll(async () => {
      const overview = (await (await asOperator('GET', '/api/v1/live/operator')).json()) as {
        offers: { sessionId: string }[];
      };
      return overview.offers.map((offer) => offer.sessionId);
    }).toContain(sessionId);

    // The audit log shows each step.
    await page.getByRole('link', { name: 'Audit log' }).click();
    for (const action of ['user.create', 'group.create', 'routing_rule.create', 'routing_rule.reorder']) {
      await poll(() => page.locator(`tr[data-action="${action}"]`).first().isVisible()).toBe(true);
    }
    await poll(() => page.locator('tr[data-action="user.create"]').first().textContent()).toContain(
      operator.email,
    );
    await screenshot(page, 'admin-3-audit');
  });
});
