import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** Debian's Chromium (browsers cannot be downloaded here), headless, with no background networking. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Takes the screenshot either way (so a page that cannot render still fails the test), but writes it to
 * docs/screenshots only with SCREENSHOTS=1: an ordinary test run leaves the working tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const image = await page.screenshot({ fullPage: false });
  if (process.env.SCREENSHOTS === '1') fs.writeFileSync(path.join(SCREENSHOTS, `${name}.png`), image);
}

/** Signs in through the login page with the server's printed login and waits for the Sessions screen. */
export async function signIn(
  page: Page,
  server: { url: string; login: { tenant: string; email: string; password: string } },
): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Workspace').fill(server.login.tenant);
  await page.getByLabel('E-mail').fill(server.login.email);
  await page.getByLabel('Password', { exact: true }).fill(server.login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sessions/);
}

/** A page in a fresh context as the browser tests use it (English, Prague, 1440 × 900), signed in. */
export async function signedInPage(
  browser: Browser,
  server: { url: string; login: { tenant: string; email: string; password: string } },
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Prague',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await signIn(page, server);
  return page;
}
