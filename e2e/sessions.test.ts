import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from './support/browser';
import { startDemoChats } from './support/demo';
import { startServer, type RunningServer } from './support/server';

/**
 * The Sessions screen against the real server and its demo workspace (thousands of generated Czech and
 * English sessions): views, columns, header filters, content search, the detail panel and shared links.
 * The steps build on each other, like an administrator's session.
 */
/** The server answers in milliseconds, but a 2-core CI machine may be busy: allow 10 s before failing. */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

describe('the sessions screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Prague',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    await signIn(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = () => page.locator('tbody tr');
  const total = () => page.getByTestId('sessions-total');

  /** The texts of one column in the rendered rows. */
  async function columnTexts(header: string): Promise<string[]> {
    const index = (await headers()).findIndex((text) => text.trim().startsWith(header));
    if (index < 0) throw new Error(`no column ${header}`);
    return (
      await rows()
        .locator(`td:nth-child(${index + 1})`)
        .allTextContents()
    ).map((text) => text.trim());
  }

  async function headers(): Promise<string[]> {
    return page.locator('thead th').allTextContents();
  }

  async function waitForRows(): Promise<void> {
    await poll(() => rows().count()).toBeGreaterThan(0);
    await poll(() => page.locator('table').getAttribute('aria-busy')).toBe('false');
  }

  it('shows the history table with its total, then the live view, and back', async () => {
    await waitForRows();
    await poll(() => total().textContent()).toMatch(/^(about )?[\d,]+ sessions$/);
    // History's defaults: no Status column (every session there is closed).
    expect(await headers()).toEqual(
      expect.arrayContaining(['ID', 'Created', 'Channel', 'Operator', 'Group', 'End reason']),
    );
    expect(await headers()).not.toContain('Status');
    await screenshot(page, 'sessions-table');

    // Scrolling to the end of the virtualised list loads the next keyset page.
    const loaded = Number(await page.locator('table').getAttribute('data-loaded'));
    await page
      .locator('[class*="scroller"]')
      .evaluate((element: { scrollTo(to: { top: number }): void; scrollHeight: number }) =>
        element.scrollTo({ top: element.scrollHeight }),
      );
    await poll(async () => Number(await page.locator('table').getAttribute('data-loaded'))).toBeGreaterThan(
      loaded,
    );

    // The demo's live sessions come from its simulator (off here): two visitors start chats.
    await startDemoChats(server, 2);
    await page
      .locator('label')
      .filter({ hasText: /^Live$/ })
      .click();
    await poll(() => new URL(page.url()).searchParams.get('view')).toBe('live');
    await poll(() => page.getByText(/Updating in real time|Refreshing every 5 s/).isVisible()).toBe(true);
    await waitForRows();
    await screenshot(page, 'sessions-live');
    // The rows follow the address once the new query has answered: poll the cells themselves.
    // Live's defaults: Status and Waiting time instead of the end reason, which no live session has.
    expect(await headers()).toEqual(expect.arrayContaining(['Status', 'Waiting time']));
    expect(await headers()).not.toContain('End reason');
    await poll(async () => (await columnTexts('Status')).every((status) => status !== 'Closed')).toBe(true);

    await page.goBack();
    await poll(() => new URL(page.url()).searchParams.get('view')).toBe(null);
    await poll(async () => (await headers()).includes('End reason')).toBe(true);
    await poll(async () => (await columnTexts('End reason')).every((reason) => reason !== '—')).toBe(true);
  });

  it('fits the screen: default columns at 1440 and 1280 px, the key ones beside the detail, a full-screen detail on a phone', async () => {
    const scroller = page.locator('[class*="scroller"]');
    const overflow = () =>
      scroller.evaluate(
        (element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth - element.clientWidth,
      );
    await page.goto(`${server.url}/sessions`);
    await waitForRows();
    expect(await overflow()).toBeLessThanOrEqual(0);

    // With the detail open, ID, time, channel and operator stay in view.
    await rows().first().locator('td').first().click();
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    await poll(() => panel.isVisible()).toBe(true);
    const visibleRight = (await scroller.boundingBox())!.x + (await scroller.boundingBox())!.width;
    for (const name of ['ID', 'Created', 'Channel', 'Operator']) {
      const header = page.locator('thead th').filter({ hasText: new RegExp(`^${name}`) });
      const box = (await header.boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(visibleRight + 1);
    }
    await screenshot(page, 'sessions-fit-1440-detail');

    // A phone and a 1280 px laptop, in both languages.
    for (const [locale, language, detailLabel] of [
      ['cs-CZ', 'cs', 'Detail sezení'],
      ['en-GB', 'en', 'Session detail'],
    ] as const) {
      const phone = await browser.newContext({
        locale,
        timezoneId: 'Europe/Prague',
        viewport: { width: 390, height: 844 },
        storageState: await context.storageState(),
      });
      try {
        const mobile = await phone.newPage();
        await mobile.goto(`${server.url}/sessions`);
        await poll(() => mobile.locator('tbody tr').count()).toBeGreaterThan(0);
        await screenshot(mobile, `sessions-phone-${language}`);
        await mobile.locator('tbody tr td').first().click();
        const detail = mobile.getByRole('complementary', { name: detailLabel });
        await poll(() => detail.isVisible()).toBe(true);
        // Over the table, the whole screen wide; the tabs on one line that scrolls sideways.
        const box = (await detail.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(389);
        const tabTops = await detail
          .getByRole('tab')
          .evaluateAll((tabs: { getBoundingClientRect(): { top: number } }[]) =>
            tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)),
          );
        expect(new Set(tabTops).size).toBe(1);
        // The row's cut edge fades out while tabs lie beyond it, the start's once scrolled, neither
        // when the row fits.
        const tabRow = detail.getByRole('tablist');
        const fades = () =>
          tabRow.evaluate((row: { hasAttribute(name: string): boolean }) => [
            row.hasAttribute('data-more-start'),
            row.hasAttribute('data-more-end'),
          ]);
        await poll(fades).toEqual([false, true]);
        await screenshot(mobile, `sessions-phone-detail-${language}`);
        await tabRow.evaluate((row: { scrollLeft: number }) => (row.scrollLeft = 60));
        await poll(fades).toEqual([true, true]);
        await tabRow.evaluate(
          (row: { scrollLeft: number; scrollWidth: number }) => (row.scrollLeft = row.scrollWidth),
        );
        await poll(fades).toEqual([true, false]);
        await tabRow.evaluate((row: { scrollLeft: number }) => (row.scrollLeft = 0));

        // A tablet's full-screen detail holds every tab.
        await mobile.setViewportSize({ width: 800, height: 844 });
        await poll(fades).toEqual([false, false]);

        await mobile.setViewportSize({ width: 1280, height: 720 });
        await poll(() => detail.isVisible()).toBe(true);
        await screenshot(mobile, `sessions-fit-1280-detail-${language}`);
      } finally {
        await phone.close();
      }
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Escape');
    await poll(() => panel.isVisible()).toBe(false);
    await screenshot(page, 'sessions-fit-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('chooses columns, including a parameter column, reorders them and keeps the choice on the server', async () => {
    await page.getByRole('button', { name: 'Columns' }).click();
    const chooser = page.getByRole('dialog', { name: 'Table columns' });
    // Checking moves the column into the shown list (a new element), hence click rather than check.
    await chooser.getByRole('checkbox', { name: 'Source', exact: true }).click();
    await chooser.getByPlaceholder('Find a column').fill('segm');
    await chooser.getByRole('checkbox', { name: /^segment/ }).click();
    await poll(() => chooser.getByRole('checkbox', { name: /^segment/ }).isChecked()).toBe(true);
    await chooser.getByPlaceholder('Find a column').fill('');
    // "segment" was appended last; move it one place up with the keyboard-accessible button.
    await chooser.getByRole('button', { name: 'Move "segment" up' }).click();
    await page.keyboard.press('Escape');

    await poll(async () => (await headers()).slice(-3)).toEqual(['End reason', 'segment', 'Source']);
    await poll(async () => {
      const answer = await page.request.get(`${server.url}/api/v1/preferences/sessions.columns`);
      return ((await answer.json()) as { value: { columns: string[] } | null }).value?.columns.slice(-3);
    }).toEqual(['endReason', 'param.segment', 'source']);
  });

  it('filters by operator, by a date range and by a parameter, each shown as a removable chip', async () => {
    await page.getByRole('button', { name: /^Filter: Operator/ }).click();
    const operatorFilter = page.getByRole('dialog', { name: 'Filter: Operator' });
    const option = operatorFilter.getByRole('checkbox').nth(1);
    // The first value is "(empty)"; the second is the busiest operator ("Name" + count).
    const optionId = await option.getAttribute('id');
    const operatorName = (
      (await operatorFilter.locator(`label[for="${optionId}"]`).textContent()) ?? ''
    ).replace(/[\d,\s]+$/, '');
    await option.check();
    await operatorFilter.getByRole('button', { name: 'Apply' }).click();
    await poll(() => new URL(page.url()).searchParams.get('operator')).toMatch(/^\d+$/);
    await poll(() => page.getByText(`Operator: ${operatorName}`).isVisible()).toBe(true);
    await poll(async () => (await columnTexts('Operator')).every((cell) => cell.includes(operatorName))).toBe(
      true,
    );

    await page.getByRole('button', { name: /^Filter: Created/ }).click();
    const dateFilter = page.getByRole('dialog', { name: 'Filter: Created' });
    await dateFilter.getByRole('button', { name: 'Last 7 days' }).click();
    // The chosen language's date format, not the browser's.
    await poll(() => dateFilter.getByLabel('From').textContent()).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/,
    );
    await page.waitForTimeout(200); // let the popover's fade-in finish for the screenshot
    await screenshot(page, 'sessions-filter');
    await dateFilter.getByRole('button', { name: 'Apply' }).click();
    await poll(() => new URL(page.url()).searchParams.get('createdAt.min')).not.toBe(null);
    await poll(() => page.getByText(/^Created from /).isVisible()).toBe(true);

    await page.getByRole('button', { name: /^Filter: segment/ }).click();
    const paramFilter = page.getByRole('dialog', { name: 'Filter: segment' });
    await paramFilter.getByRole('checkbox', { name: /^B2B/ }).check();
    await paramFilter.getByRole('button', { name: 'Apply' }).click();
    await poll(() => new URL(page.url()).searchParams.get('param.segment')).toBe('B2B');
    await poll(async () => new Set(await columnTexts('segment'))).toEqual(new Set(['B2B']));
    const weekAgo = Date.now() - 8 * 86_400_000;
    const created = await columnTexts('Created');
    expect(
      created.every((text) => Date.parse(text.replace(',', '')) > weekAgo || Number.isNaN(Date.parse(text))),
    ).toBe(true);

    // Removing one chip drops just that filter.
    await page.getByRole('button', { name: /^Remove filter: segment/ }).click();
    await poll(() => new URL(page.url()).searchParams.get('param.segment')).toBe(null);
    expect(new URL(page.url()).searchParams.get('operator')).not.toBe(null);
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await poll(() => new URL(page.url()).searchParams.get('operator')).toBe(null);
  });

  it('finds Czech words typed without diacritics and highlights the hits', async () => {
    await page.getByLabel('Search in content').fill('objednavk');
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('objednavk');
    await poll(() => page.locator('tbody mark').count()).toBeGreaterThan(0);
    const hits = await page.locator('tbody mark').allTextContents();
    expect(hits.every((hit) => /^objedn[aá]v/i.test(hit))).toBe(true);
    expect(hits.some((hit) => hit.includes('á'))).toBe(true);
    await screenshot(page, 'sessions-search');
  });

  it('opens a session at the hit and reads every tab, adding a note', async () => {
    await rows().first().locator('td').first().click();
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    await poll(() => panel.getByText('Matching message').isVisible()).toBe(true);
    const hit = panel.locator('[aria-current="true"]');
    expect((await hit.textContent())?.toLowerCase()).toMatch(/objedn[aá]v/);
    expect(new URL(page.url()).searchParams.get('hit')).toMatch(/^\d+$/);
    await screenshot(page, 'sessions-detail-transcript');

    await panel.getByRole('tab', { name: 'General information' }).click();
    await poll(() => panel.getByRole('heading', { name: 'Client' }).isVisible()).toBe(true);
    await poll(() => panel.getByRole('heading', { name: 'Participants' }).isVisible()).toBe(true);
    await screenshot(page, 'sessions-detail-info');

    await panel.getByRole('tab', { name: 'Parameters' }).click();
    await poll(() => panel.getByRole('columnheader', { name: 'Parameter' }).isVisible()).toBe(true);
    await screenshot(page, 'sessions-detail-params');

    await panel.getByRole('tab', { name: 'Routing' }).click();
    await poll(() =>
      panel
        .getByText(/Routing rule matched|Entered the queue|No routing events|Routing is not available yet/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'sessions-detail-routing');

    if (await panel.getByRole('tab', { name: 'Recordings' }).isVisible()) {
      await panel.getByRole('tab', { name: 'Recordings' }).click();
      await poll(() =>
        panel
          .getByText(/no recordings|Ready|Processing|Recording|Failed|Deleted/)
          .first()
          .isVisible(),
      ).toBe(true);
      await screenshot(page, 'sessions-detail-recordings');
    }

    await panel.getByRole('tab', { name: 'Notes' }).click();
    await panel.getByLabel('New note').fill('Zkontrolovat objednávku – e2e');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await poll(() => panel.getByText('Zkontrolovat objednávku – e2e').isVisible()).toBe(true);
    await poll(() => panel.getByText('Alena Správcová').first().isVisible()).toBe(true);
    await screenshot(page, 'sessions-detail-notes');
  });

  it('plays a recording of the demo, seeks to the middle and follows the transcript', async () => {
    // A recorded phone call of the demo whose file is stored (the demo generates a few at first start).
    const list = await page.request.get(
      `${server.url}/api/v1/sessions?channel=phone&hasRecording=true&limit=100`,
    );
    let found: { sessionId: string; recordingId: string } | undefined;
    for (const item of ((await list.json()) as { items: { id: string }[] }).items) {
      const recordings = await page.request.get(`${server.url}/api/v1/sessions/${item.id}/recordings`);
      const playable = (
        (await recordings.json()) as { recordings: { id: string; mediaUrl: string | null }[] }
      ).recordings.find((recording) => recording.mediaUrl !== null);
      if (playable) {
        found = { sessionId: item.id, recordingId: playable.id };
        break;
      }
    }
    expect(found, 'a demo phone call with a stored recording').toBeDefined();
    // In a page of its own, so the administrator's screen the next steps build on stays as it is.
    const listening = await context.newPage();
    await listening.goto(`${server.url}/sessions?open=${found!.sessionId}&tab=recordings`);
    const panel = listening.getByRole('complementary', { name: 'Session detail' });
    const player = panel.getByTestId('recording-player');
    await poll(() => player.isVisible()).toBe(true);
    const time = player.getByTestId('recording-time');
    await poll(() => time.textContent()).toBe('0:00 / 0:40');
    const audioTime = () =>
      player
        .locator('audio')
        .first()
        .evaluate((audio: { currentTime: number }) => audio.currentTime);

    await player.getByRole('button', { name: 'Play' }).click();
    await poll(audioTime).toBeGreaterThan(0.5);
    await poll(() => time.textContent()).toMatch(/^0:0[1-9] \/ 0:40$/);

    // Seek by clicking the middle of the time line: the clock and the track move there and play on.
    const slider = player.getByTestId('recording-seek');
    const box = (await slider.boundingBox())!;
    await slider.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await poll(audioTime).toBeGreaterThan(19);
    expect(await audioTime()).toBeLessThan(26);
    await poll(() => time.textContent()).toMatch(/^0:2[0-5] \/ 0:40$/);
    await poll(() => player.locator('[data-current]').count()).toBe(1);
    await screenshot(listening, 'sessions-detail-recordings-player');
    await player.getByRole('button', { name: 'Pause' }).click();

    const download = await listening.request.get(
      `${server.url}/api/v1/sessions/${found!.sessionId}/recordings/${found!.recordingId}/media?download=1`,
    );
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    await listening.close();
  });

  it('reproduces the same screen from the shared link', async () => {
    const shared = page.url();
    const before = await headers();
    const other = await context.newPage();
    await other.goto(shared);
    const panel = other.getByRole('complementary', { name: 'Session detail' });
    await poll(() => panel.getByText('Zkontrolovat objednávku – e2e').isVisible()).toBe(true);
    expect(await panel.getByRole('tab', { name: 'Notes' }).getAttribute('aria-selected')).toBe('true');
    expect(await other.getByLabel('Search in content').inputValue()).toBe('objednavk');
    await poll(() => other.locator('thead th').allTextContents()).toEqual(before);
    await poll(() => other.locator('tbody tr[aria-selected="true"]').count()).toBe(1);
    await other.close();
  });

  it('moves between rows with the keyboard, the detail following, and closes it with Esc', async () => {
    await page.getByRole('button', { name: 'Clear search' }).click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe(null);
    // The search's rows stay on screen until the plain list arrives: wait for their highlights to go.
    await poll(() => page.locator('tbody mark').count()).toBe(0);
    await waitForRows();
    // Read the ids right before each key: the simulator keeps adding sessions at the top.
    const idAt = async (index: number) => (await columnTexts('ID'))[index];
    await rows().first().focus();
    const first = await idAt(0);
    await page.keyboard.press('Enter');
    await poll(() => new URL(page.url()).searchParams.get('open')).toBe(first);
    const second = await idAt(1);
    await page.keyboard.press('ArrowDown');
    await poll(() => new URL(page.url()).searchParams.get('open')).toBe(second);
    await poll(() => page.getByRole('heading', { name: `Session ${second}` }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => new URL(page.url()).searchParams.get('open')).toBe(null);
  });

  it('starts a new query at its first row, whatever row the previous one had reached', async () => {
    await rows().first().focus();
    // Deep into History: End twice, loading the next page in between.
    await page.keyboard.press('End');
    await poll(async () => Number(await page.locator('table').getAttribute('data-loaded'))).toBeGreaterThan(
      50,
    );
    await page.keyboard.press('End');
    await poll(async () =>
      Number(await page.locator('tbody tr[tabindex="0"]').getAttribute('data-index')),
    ).toBeGreaterThan(50);
    // Live holds a few dozen sessions: the active row must be its first, not an index past its end.
    await page
      .locator('label')
      .filter({ hasText: /^Live$/ })
      .click();
    await poll(() => new URL(page.url()).searchParams.get('view')).toBe('live');
    await waitForRows();
    await poll(() => page.locator('tbody tr[tabindex="0"]').getAttribute('data-index')).toBe('0');
    await page
      .locator('label')
      .filter({ hasText: /^History$/ })
      .click();
    await waitForRows();
  });

  it('offers "Did you mean" for a typo and searches for it only when clicked', async () => {
    await page.goto(`${server.url}/sessions?q=objendavka`);
    const suggestions = page.getByTestId('search-suggestions');
    await poll(() => suggestions.isVisible()).toBe(true);
    expect(await suggestions.textContent()).toMatch(/^Did you mean: objednav/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('objendavka');
    await screenshot(page, 'sessions-did-you-mean');
    await suggestions.getByRole('button').first().click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toMatch(/^objednav/);
    await waitForRows();
    await poll(() => suggestions.isVisible()).toBe(false);
  });

  it('says when nothing matches, offers to clear the filters, and explains a filter the server refuses', async () => {
    await page.goto(`${server.url}/sessions?clientName.contains=zz-nobody-zz`);
    await poll(() => page.getByText('No sessions match these filters').isVisible()).toBe(true);
    await screenshot(page, 'sessions-empty');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForRows();

    await page.goto(`${server.url}/sessions?duration.min=abc`);
    await poll(() => page.getByText('The sessions could not be loaded').isVisible()).toBe(true);
    await poll(() => page.getByText(/did not accept the filter "duration.min"/).isVisible()).toBe(true);
    await screenshot(page, 'sessions-error');
    await page.getByRole('button', { name: 'Remove filter: duration.min' }).click();
    await waitForRows();
  });

  it('speaks Czech: column names, translated values, dates and the detail', async () => {
    const czech = await browser.newContext({
      locale: 'cs-CZ',
      timezoneId: 'Europe/Prague',
      viewport: { width: 1440, height: 900 },
      storageState: await context.storageState(),
    });
    const cz = await czech.newPage();
    await cz.goto(`${server.url}/sessions?channel=whatsapp&sort=-createdAt`);
    await poll(() => cz.getByRole('heading', { name: 'Sezení', exact: true }).isVisible()).toBe(true);
    await poll(() => cz.locator('tbody tr').count()).toBeGreaterThan(0);
    const headerTexts = await cz.locator('thead th').allTextContents();
    expect(headerTexts).toEqual(expect.arrayContaining(['Kanál', 'Vytvořeno']));
    await poll(() => cz.getByText('Kanál: WhatsApp').isVisible()).toBe(true);
    // Czech dates: "25. 11. 2026 9:07".
    const created = await cz.locator('tbody tr td:nth-child(2)').first().textContent();
    expect(created).toMatch(/^\d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}$/);
    // Date inputs follow the chosen language too.
    await cz.getByRole('button', { name: /^Filtrovat: Vytvořeno/ }).click();
    const createdFilter = cz.getByRole('dialog', { name: 'Filtrovat: Vytvořeno' });
    await createdFilter.getByRole('button', { name: 'Dnes' }).click();
    await poll(() => createdFilter.getByLabel('Od').textContent()).toMatch(
      /^\d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}$/,
    );
    await cz.keyboard.press('Escape');
    await cz.locator('tbody tr td').first().click();
    await poll(() => cz.getByRole('tab', { name: 'Obecné informace' }).isVisible()).toBe(true);
    await screenshot(cz, 'sessions-table-cs');
    await czech.close();
  });

  it('exports what is listed from the Export menu: a CSV for Excel and a searchable HTML file', async () => {
    await page.goto(`${server.url}/sessions?channel=phone&sort=-createdAt`);
    await waitForRows();
    // Under load the list may first say "about N, counting…"; the exact count replaces it.
    await poll(() => total().textContent()).toMatch(/^[\d,]+ sessions?$/);
    const listed = Number((await total().textContent())?.replace(/\D/g, ''));
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThanOrEqual(10_000);

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByText('Semicolon (Czech Excel)').click();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync(await csv.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    // The visible columns as the header, then one line per listed session.
    expect(lines[0]).toContain('Channel;');
    expect(lines).toHaveLength(listed + 1);
    expect(lines.slice(1).every((line) => line.includes(';Phone;'))).toBe(true);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Export' }).click();
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export HTML' }).click(),
    ]);
    expect(html.suggestedFilename()).toMatch(/\.html$/);
    const document = fs.readFileSync(await html.path(), 'utf8');
    expect(document).toMatch(/^<!DOCTYPE html>/i);
    expect(document).toContain('Content-Security-Policy');
    await page.keyboard.press('Escape');
  });
});
