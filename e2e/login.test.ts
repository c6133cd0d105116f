import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/** Signing in runs scrypt; with the whole suite on two shared cores it can take longer than poll's 1 s. */
const slow = { timeout: 10_000 };

describe('signing in and out', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
    return context.newPage();
  }

  it('serves the login page to a signed-out visitor and refuses a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/sessions`);
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByLabel('Workspace').fill(server.login.tenant);
    await page.getByLabel('E-mail').fill(server.login.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByText('The workspace, e-mail or password is not correct.').isVisible(), slow)
      .toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled(), slow).toBe(true);
    await screenshot(page, 'login-error');
    await page.context().close();
  });

  it('signs in with the printed demo login, lands on Sessions, and signs out', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Workspace').fill(server.login.tenant);
    await page.getByLabel('E-mail').fill(server.login.email);
    await page.getByLabel('Password', { exact: true }).fill(server.login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), slow).toContain('/sessions');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sessions', exact: true }).isVisible(), slow)
      .toBe(true);

    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect.poll(() => page.url(), slow).toContain('/login');
    await expect.poll(() => page.getByText('You have been signed out.').isVisible()).toBe(true);

    // The cookie is gone for real: the API refuses the old session.
    const me = await page.request.get(`${server.url}/api/v1/me`);
    expect(me.status()).toBe(401);
    await page.context().close();
  });

  it('speaks Czech to a Czech browser', async () => {
    const page = await newPage('cs-CZ');
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.getByRole('button', { name: 'Přihlásit se' }).isVisible()).toBe(true);
    await screenshot(page, 'login-cs');
    await page.context().close();
  });
});
