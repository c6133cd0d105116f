import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api';
import { launchBrowser, screenshot, signIn } from './support/browser';
import { createDemoUser, joinDemoGroup } from './support/demo';
import { startServer, type RunningServer } from './support/server';

/**
 * Both seats at once, in real browsers against the real server: a visitor in the web chat on the demo
 * shop page, operators in their workspace, an administrator in Live. Every wait is on a condition, with
 * room for a busy machine; the only fixed wait is the ten seconds the operator's connection is down.
 */
function poll<T>(read: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 200 });
}

const suffix = randomBytes(3).toString('hex');
const PASSWORD = 'e2e-seats-password';
const first = { email: `petra-${suffix}@demo.example`, name: 'Petra Pracovitá', role: 'operator' as const };
const second = { email: `ondrej-${suffix}@demo.example`, name: 'Ondřej Druhý', role: 'operator' as const };

/**
 * Counts what the workspace does when an offer arrives, through the browser's own APIs: notifications
 * shown (permission granted) and tones started with WebAudio.
 */
const ALERT_SPY = `
  window.__alerts = { notifications: [], tones: 0 };
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) { window.__alerts.notifications.push(title + ': ' + (options && options.body)); super(title, options); }
  };
  window.Notification.requestPermission = Real.requestPermission.bind(Real);
  Object.defineProperty(window.Notification, 'permission', { get: () => Real.permission });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__alerts.tones += 1; return start.apply(this, args); };
`;

describe('the two seats together', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function context(locale: string, viewport = { width: 1440, height: 900 }) {
    const created = await browser.newContext({ locale, timezoneId: 'Europe/Prague', viewport });
    contexts.push(created);
    return created;
  }

  /** An operator signed in, on the workspace, online. */
  async function operatorSeat(user: { email: string }): Promise<Page> {
    const seat = await context('en-GB');
    await seat.grantPermissions(['notifications'], { origin: server.url });
    await seat.addInitScript(ALERT_SPY);
    const page = await seat.newPage();
    await signIn(page, {
      url: server.url,
      login: { tenant: server.login.tenant, email: user.email, password: PASSWORD },
    });
    await page.getByRole('link', { name: 'Workspace' }).click();
    await poll(() => page.getByText('Connected').isVisible()).toBe(true);
    await page.getByRole('radiogroup', { name: 'Your state' }).getByText('Online').click();
    await poll(() => page.getByText('No offer is waiting.', { exact: false }).isVisible()).toBe(true);
    return page;
  }

  const WIDGET = {
    cs: {
      open: 'Chat s námi',
      title: 'Jak vám můžeme pomoci?',
      name: 'Jméno (nepovinné)',
      start: 'Začít chat',
      message: 'Zpráva',
    },
    en: {
      open: 'Chat with us',
      title: 'How can we help?',
      name: 'Name (optional)',
      start: 'Start chat',
      message: 'Message',
    },
  };

  /** A visitor on the demo shop page with the chat open and started. */
  async function visitor(
    name: string,
    { lang = 'cs', viewport }: { lang?: 'cs' | 'en'; viewport?: { width: number; height: number } } = {},
  ) {
    const words = WIDGET[lang];
    const page = await (await context(lang === 'cs' ? 'cs-CZ' : 'en-GB', viewport)).newPage();
    await page.goto(`${server.url}/demo/widget?lang=${lang}`);
    await page.getByRole('button', { name: words.open }).click();
    const panel = page.getByRole('dialog', { name: words.title });
    await panel.getByLabel(words.name).fill(name);
    await panel.getByRole('button', { name: words.start }).click();
    await poll(() => panel.getByLabel(words.message).isVisible()).toBe(true);
    return { page, panel, say: (text: string) => say(panel, text, words.message) };
  }

  async function say(panel: ReturnType<Page['getByRole']>, text: string, label = 'Zpráva') {
    const box = panel.getByLabel(label);
    await box.fill(text);
    await box.press('Enter');
    await poll(() => panel.getByText(text, { exact: true }).isVisible()).toBe(true);
  }

  /** An image made by the browser itself: what an operator would attach. */
  async function pictureFrom(page: Page): Promise<Buffer> {
    const data = await page.evaluate<string>(`(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 240;
      canvas.height = 140;
      const draw = canvas.getContext('2d');
      draw.fillStyle = '#dbe8f6';
      draw.fillRect(0, 0, 240, 140);
      draw.fillStyle = '#1c4f82';
      draw.font = 'bold 22px sans-serif';
      draw.fillText('Faktura 2024-117', 16, 78);
      return canvas.toDataURL('image/png').split(',')[1];
    })()`);
    return Buffer.from(data, 'base64');
  }

  async function accept(page: Page, clientName: string) {
    const offer = page.getByLabel(`Offer: ${clientName}`);
    await poll(() => offer.isVisible()).toBe(true);
    await offer.getByRole('button', { name: 'Accept' }).click();
  }

  async function reply(page: Page, text: string) {
    const box = page.getByLabel('Conversation').getByLabel('Message');
    await box.fill(text);
    await box.press('Enter');
    await poll(() => box.inputValue()).toBe('');
  }

  beforeAll(async () => {
    // A small file limit, so the widget's own check is tried with a small file.
    [server, browser] = await Promise.all([startServer({ MAX_FILE_MB: '1' }), launchBrowser()]);
    for (const user of [first, second]) {
      await createDemoUser(server, { ...user, password: PASSWORD });
      // The demo routes web chats from ordinary pages to Podpora; these two get its offers first.
      await joinDemoGroup(server, user.email, 'Podpora');
      await joinDemoGroup(server, user.email, 'English support');
    }
  });
  afterAll(async () => {
    for (const open of contexts) await open.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('a visitor, two operators and an administrator: accept, answer, send a file, redirect, continue', async () => {
    const petra = await operatorSeat(first);
    const { page: shop, panel } = await visitor('Klára Zákaznice');
    await say(panel, 'Dobrý den, nesedí mi faktura.');
    // The widget keeps the open session in the page's storage, as the next page of the shop reads it.
    const sessionId = await shop.evaluate<string | undefined>(`(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith('sessiondesk:') && name !== 'sessiondesk:visitor');
      return JSON.parse(localStorage.getItem(key) || '{}').sessionId;
    })()`);
    expect(sessionId).toMatch(/^\d+$/);

    // The offer reaches Petra with a countdown, a tone and a notification.
    await accept(petra, 'Klára Zákaznice');
    const alerts = await petra.evaluate<{ notifications: string[]; tones: number }>('window.__alerts');
    expect(alerts.notifications).toEqual(['New chat offer: Klára Zákaznice is waiting for you.']);
    expect(alerts.tones).toBeGreaterThan(0);

    const conversation = petra.getByLabel('Conversation');
    await poll(() => conversation.getByText('Dobrý den, nesedí mi faktura.').isVisible()).toBe(true);
    await poll(() => panel.getByText('Petra Pracovitá je nyní v sezení.').isVisible()).toBe(true);
    await reply(petra, 'Dobrý den, posílám opravenou fakturu.');
    await poll(() => panel.getByText('Dobrý den, posílám opravenou fakturu.').isVisible()).toBe(true);

    // Petra sends a picture with the paperclip; both seats show it as an image.
    const chooser = petra.waitForEvent('filechooser');
    await conversation.getByRole('button', { name: 'Send a file' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'faktura-2024-117.png',
      mimeType: 'image/png',
      buffer: await pictureFrom(petra),
    });
    const seatImage = conversation.getByRole('img', { name: 'faktura-2024-117.png' });
    await poll(() => seatImage.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(240);
    await screenshot(petra, 'seats-workspace-file-en');
    const shopImage = panel.getByRole('img', { name: 'faktura-2024-117.png' });
    await poll(() => shopImage.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(240);

    // The visitor sends a file too; the widget refuses one over the limit before sending it.
    const tooBig = shop.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Poslat soubor' }).click();
    await (
      await tooBig
    ).setFiles({
      name: 'sken.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(1024 * 1024 + 1, 1),
    });
    await poll(() => panel.getByRole('alert').textContent()).toBe('Soubor je větší než 1 MB.');
    const shopChooser = shop.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Poslat soubor' }).click();
    await (
      await shopChooser
    ).setFiles({
      name: 'reklamace.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Číslo objednávky 4471'),
    });
    await poll(() => conversation.getByRole('link', { name: 'Download reklamace.txt' }).isVisible()).toBe(
      true,
    );

    // The administrator sees the chat in Live and redirects it to Ondřej.
    const ondrej = await operatorSeat(second);
    const admin = await (await context('en-GB')).newPage();
    await signIn(admin, server);
    await admin
      .locator('label')
      .filter({ hasText: /^Live$/ })
      .click();
    await poll(() => admin.getByText('Updating in real time').isVisible()).toBe(true);
    const row = admin.locator('tbody tr').filter({ hasText: 'Klára Zákaznice' });
    await poll(() => row.count()).toBe(1);
    await row.locator('td').first().click();
    const detail = admin.getByRole('complementary', { name: 'Session detail' });
    await detail.getByRole('button', { name: 'Redirect' }).click();
    const dialog = admin.getByRole('dialog', { name: `Redirect session ${sessionId}` });
    await dialog.getByRole('radio', { name: second.name, exact: true }).click();
    await dialog.getByRole('button', { name: 'Redirect' }).click();
    await poll(() => dialog.isVisible()).toBe(false);

    // Petra no longer has it; Ondřej is offered it, accepts and continues.
    await poll(() => petra.getByText('You have no session in progress.').isVisible()).toBe(true);
    await poll(() => panel.getByText(/^Přesměrováno na Ondřej Druhý/).isVisible()).toBe(true);
    await accept(ondrej, 'Klára Zákaznice');
    await poll(() => panel.getByText('Ondřej Druhý je nyní v sezení.').isVisible()).toBe(true);
    await poll(() =>
      ondrej.getByLabel('Conversation').getByText('Dobrý den, nesedí mi faktura.').isVisible(),
    ).toBe(true);
    await reply(ondrej, 'Dobrý den, přebírám to. Faktura je opravená.');
    await poll(() => panel.getByText('Dobrý den, přebírám to. Faktura je opravená.').isVisible()).toBe(true);
    await screenshot(shop, 'seats-widget-redirected-cs');

    // The transcript holds every step in order.
    const adminApi = await apiSession(server, server.login.email, server.login.password);
    const transcript = (await adminApi('GET', `/api/v1/sessions/${sessionId}/transcript?limit=100`)).body as {
      items: {
        sender: string;
        type: string;
        text: string | null;
        file: { name: string } | null;
        systemCode: string | null;
      }[];
    };
    const steps = transcript.items.map((item) =>
      item.type === 'system' ? `system:${item.systemCode}` : `${item.sender}:${item.file?.name ?? item.text}`,
    );
    expect(steps).toEqual([
      'client:Dobrý den, nesedí mi faktura.',
      'system:joined',
      'operator:Dobrý den, posílám opravenou fakturu.',
      'operator:faktura-2024-117.png',
      'client:reklamace.txt',
      'system:redirected',
      'system:joined',
      'operator:Dobrý den, přebírám to. Faktura je opravená.',
    ]);

    // Ondřej ends it and leaves, so the next chats go to Petra.
    await ondrej.getByLabel('Conversation').getByRole('button', { name: 'End session' }).click();
    await ondrej.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
    await poll(() => panel.getByText('Chat skončil. Děkujeme.').isVisible()).toBe(true);
    await ondrej.getByRole('radiogroup', { name: 'Your state' }).getByText('Offline').click();
    await poll(() => ondrej.getByText('You get offers once you are online.').isVisible()).toBe(true);
  });

  it('an operator whose connection drops for ten seconds misses nothing the visitor wrote meanwhile', async () => {
    const petra = await operatorSeat(first);
    // The operator's WebSocket goes through a route the test can cut, as a network would.
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await petra.routeWebSocket(/\/api\/v1\/live\/operator\/ws/, (socket) => {
      if (cut) {
        void socket.close({ code: 4000, reason: 'offline' });
        return;
      }
      socket.connectToServer();
      sockets.push(socket);
    });
    await petra.reload();
    await poll(() => petra.getByText('Connected').isVisible()).toBe(true);

    const visit = await visitor('Robert Patient', { lang: 'en' });
    const { panel } = visit;
    await visit.say('Hello, I am here.');
    await accept(petra, 'Robert Patient');
    const conversation = petra.getByLabel('Conversation');
    await poll(() => conversation.getByText('Hello, I am here.').isVisible()).toBe(true);

    // Only the socket is cut (as a proxy or a flaky network drops it): the browser still thinks it is
    // online, so nothing but the workspace's own resume (re-reading on the next hello) brings back what
    // was said meanwhile.
    cut = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 4000, reason: 'offline' });
    await poll(() => petra.getByText('Connecting…').isVisible()).toBe(true);
    const started = Date.now();
    const meanwhile = ['Are you there?', 'My order number is 4471.', 'Thank you.'];
    for (const text of meanwhile) await visit.say(text);
    // The requirement itself: the connection stays down for ten seconds.
    await petra.waitForTimeout(Math.max(0, 10_000 - (Date.now() - started)));
    for (const text of meanwhile) expect(await conversation.getByText(text).count()).toBe(0);

    cut = false;
    await poll(() => petra.getByText('Connected').isVisible(), 40_000).toBe(true);
    for (const text of meanwhile) await poll(() => conversation.getByText(text).isVisible()).toBe(true);
    await reply(petra, 'Yes, I am back. Here is the label.');
    await poll(() => panel.getByText('Yes, I am back. Here is the label.').isVisible()).toBe(true);
    const chooser = petra.waitForEvent('filechooser');
    await conversation.getByRole('button', { name: 'Send a file' }).click();
    await (
      await chooser
    ).setFiles({ name: 'label-4471.png', mimeType: 'image/png', buffer: await pictureFrom(petra) });
    const shopImage = panel.getByRole('img', { name: 'label-4471.png' });
    await poll(() => shopImage.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(240);
    await screenshot(visit.page, 'seats-widget-file-en');
    await conversation.getByRole('button', { name: 'End session' }).click();
    await petra.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
    await poll(() => petra.getByText('You have no session in progress.').isVisible()).toBe(true);
  });

  it('shows typing on both sides, and it fades when nobody types', async () => {
    const petra = await operatorSeat(first);
    const { page: shop, panel } = await visitor('Tereza Píšící', { viewport: { width: 390, height: 844 } });
    await say(panel, 'Dobrý den, mám dotaz k dopravě.');
    await accept(petra, 'Tereza Píšící');
    const conversation = petra.getByLabel('Conversation');
    await poll(() => conversation.getByText('Dobrý den, mám dotaz k dopravě.').isVisible()).toBe(true);

    // The visitor types: the operator sees it.
    // The widget says "typing" at most every 2.5 s (and said it while the first line was written), so
    // the visitor keeps typing until the operator sees it.
    const keepTyping = async (box: ReturnType<Page['getByLabel']>, status: () => Promise<string | null>) => {
      await poll(async () => {
        await box.press('a');
        return status();
      }).toMatch(/typing…|píše…/);
    };
    await panel.getByLabel('Zpráva').pressSequentially('Doručujete i na Sl', { delay: 30 });
    await keepTyping(panel.getByLabel('Zpráva'), () => conversation.getByRole('status').textContent());
    expect(await conversation.getByRole('status').textContent()).toBe('Tereza Píšící is typing…');
    await screenshot(petra, 'seats-workspace-typing-en');
    // The same seat in Czech on a phone.
    const phone = await browser.newContext({
      locale: 'cs-CZ',
      timezoneId: 'Europe/Prague',
      viewport: { width: 390, height: 844 },
      storageState: await petra.context().storageState(),
    });
    contexts.push(phone);
    const czech = await phone.newPage();
    await czech.goto(`${server.url}/workspace`);
    const rozhovor = czech.getByLabel('Konverzace');
    await poll(() => rozhovor.getByText('Dobrý den, mám dotaz k dopravě.').isVisible()).toBe(true);
    // The first "typing" fades after 5 s; by then the widget says it again (it says it at most every
    // 2.5 s, so typing on at once could be silent).
    await poll(() => conversation.getByRole('status').textContent()).toBe('');
    await panel.getByLabel('Zpráva').pressSequentially('ovensko?', { delay: 30 });
    await keepTyping(panel.getByLabel('Zpráva'), () => rozhovor.getByRole('status').textContent());
    expect(await rozhovor.getByRole('status').textContent()).toBe('Tereza Píšící píše…');
    await rozhovor.getByRole('status').scrollIntoViewIfNeeded();
    await screenshot(czech, 'seats-workspace-typing-phone-cs');
    // Nobody types any more: it fades after a few seconds.
    await poll(() => conversation.getByRole('status').textContent()).toBe('');

    // The operator types: the visitor sees it, then it fades too.
    await conversation.getByLabel('Message').pressSequentially('Ano, doručujeme', { delay: 30 });
    await poll(() => panel.getByText('Petra Pracovitá píše…').isVisible()).toBe(true);
    await screenshot(shop, 'seats-widget-typing-phone-cs');
    await poll(() => panel.getByText('Petra Pracovitá píše…').isVisible()).toBe(false);
    await conversation.getByLabel('Message').press('Enter');
    await poll(() => panel.getByText('Ano, doručujeme').isVisible()).toBe(true);
  });
});
