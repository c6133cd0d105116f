import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { createDemoUser, demoWidgetKey } from './support/demo';
import { startServer, type RunningServer } from './support/server';

/**
 * Live sessions against the real server and its demo workspace (no simulator): a web-chat client
 * starts a session through the public client API and it appears in the Live table by itself (SSE);
 * an operator goes online through the operator API; the admin redirects the session to them from the
 * detail panel, and the Routing tab shows the step.
 */
const OPERATOR = { name: 'Eva Redirectová', password: 'e2e-operator-password' };

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

/** An operator with a password, made with the CLI as an administrator would, then signed in over the API. */
async function signedInOperator(server: RunningServer) {
  const email = `eva-${randomBytes(3).toString('hex')}@demo.example`;
  await createDemoUser(server, { email, name: OPERATOR.name, role: 'operator', password: OPERATOR.password });
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: server.login.tenant, email, password: OPERATOR.password }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return (method: string, url: string, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

describe('live sessions', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await signedInPage(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a new chat in real time, redirects it from the detail panel and shows the step in Routing', async () => {
    const [widgetKey, operator] = await Promise.all([demoWidgetKey(server), signedInOperator(server)]);
    const online = await operator('PUT', '/api/v1/live/operator/state', { state: 'online' });
    expect(online.status).toBe(200);

    await page
      .locator('label')
      .filter({ hasText: /^Live$/ })
      .click();
    await poll(() => page.getByText('Updating in real time').isVisible()).toBe(true);
    await poll(() => page.locator('table').getAttribute('aria-busy')).toBe('false');

    // A visitor starts a chat through the public client API; the open table is not reloaded.
    const started = await fetch(`${server.url}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': widgetKey },
      body: JSON.stringify({
        visitorId: `e2e-${randomBytes(4).toString('hex')}`,
        name: 'Klára Živá',
        // The demo's FAQ pages are answered by its chatbot; the redirect takes the chat from it.
        pageUrl: 'https://shop.example/faq/doprava',
      }),
    });
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };

    const row = page.locator('tbody tr').filter({
      has: page.locator('td', { hasText: new RegExp(`^\\s*${sessionId}\\s*$`) }),
    });
    // Well inside the 5 s polling fallback: it came over the SSE stream.
    await expect.poll(() => row.count(), { timeout: 4_000 }).toBe(1);
    expect(await page.getByText('Updating in real time').isVisible()).toBe(true);
    await screenshot(page, 'live-redirect-1-arrived');

    await row.locator('td').first().click();
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    await poll(() => panel.getByRole('heading', { name: new RegExp(sessionId) }).isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Redirect' }).click();

    const dialog = page.getByRole('dialog', { name: `Redirect session ${sessionId}` });
    await poll(() => dialog.getByRole('radio', { name: OPERATOR.name, exact: true }).isVisible()).toBe(true);
    // Operators who are not online cannot be chosen and say why.
    const unavailable = dialog.getByRole('radio', { name: /Not online — cannot take sessions/ }).first();
    await poll(() => unavailable.isVisible()).toBe(true);
    expect(await unavailable.isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: OPERATOR.name, exact: true }).click();
    await screenshot(page, 'live-redirect-2-picker');
    await dialog.getByRole('button', { name: 'Redirect' }).click();

    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => page.getByRole('status').filter({ hasText: 'was redirected' }).isVisible()).toBe(true);

    // The operator is offered the session at once.
    const overview = (await (await operator('GET', '/api/v1/live/operator')).json()) as {
      offers: { sessionId: string }[];
    };
    expect(overview.offers.map((offer) => offer.sessionId)).toContain(sessionId);

    await panel.getByRole('tab', { name: 'Routing' }).click();
    await poll(() => panel.getByText(`to ${OPERATOR.name}`, { exact: true }).isVisible()).toBe(true);
    await poll(() => panel.getByText(/^by /).last().isVisible()).toBe(true);
    await poll(() => panel.getByText(`Offered to: ${OPERATOR.name}`).isVisible()).toBe(true);
    await screenshot(page, 'live-redirect-3-routing');

    // A refusal from the server is explained in the modal: the session is already offered to her.
    await panel.getByRole('button', { name: 'Redirect' }).click();
    await dialog.getByRole('radio', { name: OPERATOR.name, exact: true }).click();
    await dialog.getByRole('button', { name: 'Redirect' }).click();
    await poll(() => dialog.getByRole('alert').textContent()).toContain(
      `The session is already with ${OPERATOR.name}.`,
    );
    await screenshot(page, 'live-redirect-4-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
  });
});
