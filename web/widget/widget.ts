/**
 * The Sessiondesk web chat, embedded with
 *   <script src="https://sessiondesk.example/widget.js" data-key="WIDGET_KEY" async></script>
 * A launcher button opens a panel in a shadow root (the host page's CSS cannot reach it): an optional
 * name and e-mail, then the conversation over the public client API (REST to write, a WebSocket to
 * hear). The visitor id and the open session's token are kept in localStorage, so the conversation
 * survives navigating the host site. Page parameters: `window.sessiondesk.setParams({ ... })`.
 */

interface Activity {
  id: string;
  sender: 'client' | 'operator' | 'chatbot' | 'system';
  type: string;
  userName: string | null;
  text: string | null;
  file: { name: string; size?: number | null; mimeType?: string | null } | null;
}

/** Images the server serves inline; anything else is offered as a download. */
const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** A paperclip (Tabler's), drawn rather than an emoji: not every system has an emoji font. Static markup. */
const CLIP =
  '<svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M15 7l-6.5 6.5a1.5 1.5 0 0 0 ' +
  '3 3l6.5 -6.5a3 3 0 0 0 -6 -6l-6.5 6.5a4.5 4.5 0 0 0 9 9l6.5 -6.5"/></svg>';

/** How often the widget says "typing" (the server passes on one event per 2 s). */
const TYPING_EVERY_MS = 2500;

interface Stored {
  sessionId: string;
  token: string;
}

const texts = {
  cs: {
    open: 'Chat s námi',
    close: 'Zavřít chat',
    title: 'Jak vám můžeme pomoci?',
    name: 'Jméno (nepovinné)',
    email: 'E-mail (nepovinný)',
    start: 'Začít chat',
    message: 'Zpráva',
    send: 'Odeslat',
    leave: 'Ukončit chat',
    waiting: 'Čekáte na operátora…',
    ended: 'Chat skončil. Děkujeme.',
    failed: 'Chat teď nelze spustit. Zkuste to prosím později.',
    you: 'Vy',
    operator: 'Operátor',
    attach: 'Poslat soubor',
    uploading: 'Odesílá se',
    tooLarge: 'Soubor je větší než {mb} MB.',
    uploadFailed: 'Soubor se nepodařilo poslat.',
    typing: '{name} píše…',
    download: 'Stáhnout',
  },
  en: {
    open: 'Chat with us',
    close: 'Close the chat',
    title: 'How can we help?',
    name: 'Name (optional)',
    email: 'E-mail (optional)',
    start: 'Start chat',
    message: 'Message',
    send: 'Send',
    leave: 'End the chat',
    waiting: 'Waiting for an operator…',
    ended: 'The chat has ended. Thank you.',
    failed: 'The chat cannot start right now. Please try again later.',
    you: 'You',
    operator: 'Operator',
    attach: 'Send a file',
    uploading: 'Sending',
    tooLarge: 'The file is larger than {mb} MB.',
    uploadFailed: 'The file could not be sent.',
    typing: '{name} is typing…',
    download: 'Download',
  },
};

const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px;
  padding: 14px 20px; background: #1c4f82; color: #fff; font-size: 15px; font-weight: 600; cursor: pointer;
  box-shadow: 0 6px 20px rgba(0,0,0,.25); }
.launcher:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #f5a524; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(370px, calc(100vw - 24px));
  height: min(540px, calc(100vh - 110px)); background: #fff; color: #1a1b1e; border-radius: 16px;
  box-shadow: 0 12px 40px rgba(0,0,0,.28); display: flex; flex-direction: column; overflow: hidden; }
.panel[hidden] { display: none; }
header { background: #1c4f82; color: #fff; padding: 12px 16px; display: flex; justify-content: space-between; align-items: center; }
header h2 { font-size: 16px; margin: 0; }
header button { background: transparent; color: #fff; border: 0; font-size: 20px; cursor: pointer; }
form.start { padding: 16px; display: flex; flex-direction: column; gap: 10px; }
label { font-size: 13px; display: flex; flex-direction: column; gap: 4px; }
input, textarea { font-size: 14px; padding: 8px 10px; border: 1px solid #c9ced6; border-radius: 8px; width: 100%; }
textarea { resize: none; }
.primary { background: #1c4f82; color: #fff; border: 0; border-radius: 8px; padding: 9px 14px; font-size: 14px; font-weight: 600; cursor: pointer; }
.log { flex: 1; overflow-y: auto; padding: 12px 14px; display: flex; flex-direction: column; gap: 8px; }
.line { display: flex; flex-direction: column; align-items: flex-start; }
.line.mine { align-items: flex-end; }
.who { font-size: 11px; color: #6b7280; }
.bubble { max-width: 85%; padding: 8px 12px; border-radius: 14px; background: #eef1f5; font-size: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.mine .bubble { background: #dbe8f6; }
.system { font-size: 12px; color: #6b7280; text-align: center; }
.status { font-size: 12px; color: #6b7280; padding: 0 14px 6px; }
form.compose { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e5e7eb; }
.attach { background: transparent; border: 1px solid #c9ced6; border-radius: 8px; cursor: pointer; padding: 0 9px; color: #1c4f82; }
.bubble a svg { vertical-align: -3px; }
.attach:disabled { opacity: .5; }
.typing { font-size: 12px; color: #6b7280; font-style: italic; padding: 0 14px; min-height: 16px; }
.thumb { display: block; max-width: 200px; max-height: 150px; border-radius: 8px; margin-bottom: 4px; }
.bubble a { color: #1c4f82; }
progress { width: 100%; height: 6px; }
.leave { background: transparent; border: 0; color: #9b1c1c; font-size: 12px; cursor: pointer; padding: 0 14px 8px; text-align: left; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  return node;
}

function boot(script: HTMLScriptElement): void {
  const given = script.dataset.key;
  if (!given) return;
  const key: string = given;
  const origin = new URL(script.src, window.location.href).origin;
  const lang = (script.dataset.lang ?? navigator.language).toLowerCase().startsWith('cs') ? 'cs' : 'en';
  const t = texts[lang];
  const storageKey = `sessiondesk:${key}`;
  const params: Record<string, string> = {};
  const api = ((window as unknown as { sessiondesk?: object }).sessiondesk ?? {}) as {
    setParams?: (values: Record<string, unknown>) => void;
  };
  api.setParams = (values) => {
    for (const [name, value] of Object.entries(values)) params[name] = String(value);
  };
  (window as unknown as { sessiondesk: object }).sessiondesk = api;

  const visitorId =
    localStorage.getItem('sessiondesk:visitor') ??
    (() => {
      const id = `v-${crypto.randomUUID()}`;
      localStorage.setItem('sessiondesk:visitor', id);
      return id;
    })();

  const host = document.createElement('div');
  host.setAttribute('data-sessiondesk', '');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', { textContent: STYLE });
  const launcher = el('button', { className: 'launcher', textContent: t.open, type: 'button' });
  launcher.setAttribute('aria-expanded', 'false');
  const panel = el('section', { className: 'panel', hidden: true });
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t.title);
  const header = el('header');
  header.append(el('h2', { textContent: t.title }));
  const close = el('button', { type: 'button', textContent: '×' });
  close.setAttribute('aria-label', t.close);
  header.append(close);
  panel.append(header);
  root.append(style, launcher, panel);

  const log = el('div', { className: 'log' });
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  const status = el('div', { className: 'status' });
  status.setAttribute('role', 'status');
  const typing = el('div', { className: 'typing' });
  typing.setAttribute('aria-live', 'polite');
  let typingTimer: number | undefined;
  let maxFileBytes = 25 * 1024 * 1024;
  let socket: WebSocket | undefined;
  let stored: Stored | null = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Stored | null;

  const headers = (): Record<string, string> => ({
    'content-type': 'application/json',
    'x-widget-key': key,
    ...(stored ? { 'x-client-token': stored.token } : {}),
  });

  /** A file line: the image itself when the server shows it inline, else a link that saves it. */
  function fileBubble(activity: Activity, file: NonNullable<Activity['file']>): HTMLElement {
    const bubble = el('div', { className: 'bubble', dir: 'auto' });
    const link = el('a', { innerHTML: CLIP, href: '#', download: file.name });
    link.append(el('bdi', { textContent: ` ${file.name}` }));
    link.setAttribute('aria-label', `${t.download} ${file.name}`);
    bubble.append(link);
    if (activity.text) bubble.append(el('div', { textContent: activity.text, dir: 'auto' }));
    if (activity.type !== 'file' || !stored) return bubble;
    // The file is read with the client's headers (no token in a URL), then shown from memory.
    const url = `${origin}/api/v1/live/client/sessions/${stored.sessionId}/files/${activity.id}`;
    void fetch(url, { headers: headers() })
      .then((response) => (response.ok ? response.blob() : undefined))
      .then((blob) => {
        if (!blob) return;
        const local = URL.createObjectURL(blob);
        link.href = local;
        if (IMAGES.includes(blob.type)) {
          const image = el('img', { className: 'thumb', src: local, alt: file.name });
          // Its height is known only once decoded: keep the newest line in view then.
          image.onload = () => (log.scrollTop = log.scrollHeight);
          bubble.prepend(image);
        }
      })
      .catch(() => undefined);
    return bubble;
  }

  function show(activity: Activity): void {
    if (log.querySelector(`[data-id="${CSS.escape(activity.id)}"]`)) return;
    if (activity.type === 'system') {
      const line = el('div', { className: 'system', textContent: activity.text ?? '', dir: 'auto' });
      line.dataset.id = activity.id;
      log.append(line);
    } else {
      const mine = activity.sender === 'client';
      if (!mine) hideTyping();
      const line = el('div', { className: `line${mine ? ' mine' : ''}` });
      line.dataset.id = activity.id;
      const who = el('bdi', { textContent: mine ? t.you : (activity.userName ?? t.operator) });
      const whoLine = el('span', { className: 'who' });
      whoLine.append(who);
      line.append(
        whoLine,
        activity.file
          ? fileBubble(activity, activity.file)
          : el('div', { className: 'bubble', textContent: activity.text ?? '', dir: 'auto' }),
      );
      log.append(line);
    }
    log.scrollTop = log.scrollHeight;
  }

  function hideTyping(): void {
    typing.textContent = '';
    window.clearTimeout(typingTimer);
  }

  /** "<operator> is typing…" for the seconds the server names, unless it comes again. */
  function showTyping(name: string | null, seconds: number): void {
    typing.textContent = t.typing.replace('{name}', name ?? t.operator);
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(hideTyping, seconds * 1000);
  }

  function ended(): void {
    status.textContent = t.ended;
    localStorage.removeItem(storageKey);
    stored = null;
    socket?.close();
  }

  function listen(): void {
    if (!stored) return;
    const url = new URL(`/api/v1/live/client/sessions/${stored.sessionId}/ws`, origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ key, token: stored.token }).toString();
    socket = new WebSocket(url);
    socket.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as {
        type: string;
        activity?: Activity;
        status?: string;
        userName?: string | null;
        expiresInSeconds?: number;
      };
      if (message.type === 'message' && message.activity) show(message.activity);
      if (message.type === 'typing') showTyping(message.userName ?? null, message.expiresInSeconds ?? 5);
      if (message.type === 'status') status.textContent = message.status === 'active' ? '' : t.waiting;
      if (message.type === 'ended') ended();
    };
    socket.onclose = () => {
      // Reconnect while the chat is open; the REST read fills in what was said meanwhile.
      if (stored) window.setTimeout(() => void resume(), 2000);
    };
  }

  async function resume(): Promise<void> {
    if (!stored) return;
    const response = await fetch(`${origin}/api/v1/live/client/sessions/${stored.sessionId}`, {
      headers: headers(),
    });
    if (!response.ok) {
      localStorage.removeItem(storageKey);
      stored = null;
      renderStart();
      return;
    }
    const view = (await response.json()) as {
      session: { status: string };
      transcript: Activity[];
      maxFileBytes: number;
    };
    maxFileBytes = view.maxFileBytes;
    renderChat();
    view.transcript.forEach(show);
    if (view.session.status === 'closed') ended();
    else {
      status.textContent = view.session.status === 'active' ? '' : t.waiting;
      listen();
    }
  }

  function renderStart(): void {
    panel.replaceChildren(header);
    const form = el('form', { className: 'start' });
    const name = el('input', { name: 'name', autocomplete: 'name', maxLength: 200 });
    const email = el('input', { name: 'email', type: 'email', autocomplete: 'email', maxLength: 320 });
    const nameLabel = el('label', { textContent: t.name });
    nameLabel.append(name);
    const emailLabel = el('label', { textContent: t.email });
    emailLabel.append(email);
    const start = el('button', { className: 'primary', type: 'submit', textContent: t.start });
    const error = el('div', { className: 'status' });
    error.setAttribute('role', 'alert');
    form.append(nameLabel, emailLabel, start, error);
    form.onsubmit = async (event) => {
      event.preventDefault();
      start.disabled = true;
      const body = {
        visitorId,
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
        ...(email.value.trim() ? { email: email.value.trim() } : {}),
        language: lang,
        pageUrl: window.location.href.slice(0, 2000),
        params,
      };
      const response = await fetch(`${origin}/api/v1/live/client/sessions`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(body),
      }).catch(() => undefined);
      if (!response?.ok) {
        error.textContent = t.failed;
        start.disabled = false;
        return;
      }
      const started = (await response.json()) as { sessionId: string; clientToken: string };
      stored = { sessionId: started.sessionId, token: started.clientToken };
      localStorage.setItem(storageKey, JSON.stringify(stored));
      await resume();
    };
    panel.append(form);
    name.focus();
  }

  function renderChat(): void {
    log.replaceChildren();
    const form = el('form', { className: 'compose' });
    const box = el('textarea', { rows: 2, maxLength: 10_000, placeholder: t.message });
    box.setAttribute('aria-label', t.message);
    const send = el('button', { className: 'primary', type: 'submit', textContent: t.send });
    const leave = el('button', { className: 'leave', type: 'button', textContent: t.leave });
    const picker = el('input', { type: 'file', hidden: true });
    const attach = el('button', { className: 'attach', type: 'button', innerHTML: CLIP });
    attach.setAttribute('aria-label', t.attach);
    attach.title = t.attach;
    const progress = el('progress', { max: 1, value: 0, hidden: true });
    progress.setAttribute('aria-label', t.uploading);
    const fileError = el('div', { className: 'status' });
    fileError.setAttribute('role', 'alert');
    form.append(attach, picker, box, send);
    attach.onclick = () => picker.click();
    picker.onchange = () => {
      const file = picker.files?.[0];
      picker.value = '';
      fileError.textContent = '';
      if (!file || !stored) return;
      if (file.size > maxFileBytes) {
        fileError.textContent = t.tooLarge.replace('{mb}', String(Math.floor(maxFileBytes / 1048576)));
        return;
      }
      // XMLHttpRequest, because fetch cannot report an upload's progress.
      const request = new XMLHttpRequest();
      const query = new URLSearchParams({ name: file.name }).toString();
      request.open('POST', `${origin}/api/v1/live/client/sessions/${stored.sessionId}/files?${query}`);
      for (const [name, value] of Object.entries(headers())) {
        if (name !== 'content-type') request.setRequestHeader(name, value);
      }
      request.setRequestHeader('content-type', 'application/octet-stream');
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) progress.value = event.loaded / event.total;
      };
      const done = (ok: boolean) => {
        progress.hidden = true;
        attach.disabled = false;
        if (!ok) fileError.textContent = t.uploadFailed;
      };
      request.onload = () => done(request.status < 300);
      request.onerror = () => done(false);
      progress.value = 0;
      progress.hidden = false;
      attach.disabled = true;
      request.send(file);
    };
    let lastTyping = 0;
    box.oninput = () => {
      const now = Date.now();
      if (!stored || !box.value.trim() || now - lastTyping < TYPING_EVERY_MS) return;
      lastTyping = now;
      const { 'content-type': _json, ...bare } = headers();
      void fetch(`${origin}/api/v1/live/client/sessions/${stored.sessionId}/typing`, {
        method: 'POST',
        headers: bare,
      }).catch(() => undefined);
    };
    const submit = async () => {
      const text = box.value.trim();
      if (!text || !stored) return;
      box.value = '';
      const response = await fetch(`${origin}/api/v1/live/client/sessions/${stored.sessionId}/messages`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ text }),
      });
      if (response.ok) {
        const created = (await response.json()) as { id: string };
        show({ id: created.id, sender: 'client', type: 'message', userName: null, text, file: null });
      }
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      void submit();
    };
    box.onkeydown = (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void submit();
      }
    };
    leave.onclick = async () => {
      if (!stored) return;
      await fetch(`${origin}/api/v1/live/client/sessions/${stored.sessionId}/leave`, {
        method: 'POST',
        headers: headers(),
      });
      ended();
    };
    panel.replaceChildren(header, log, typing, status, progress, fileError, form, leave);
    box.focus();
  }

  function toggle(open: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.textContent = open ? t.close : t.open;
    if (open && !panel.querySelector('form')) {
      if (stored) void resume();
      else renderStart();
    }
  }
  launcher.onclick = () => toggle(panel.hidden);
  close.onclick = () => toggle(false);
  // A chat already open on another page of the site opens again here.
  if (stored) toggle(true);
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  const start = () => boot(current);
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}
