import { systemMessageText } from '../../../common/system-messages';
import { revealFileName } from '../../../common/bidi';
import { createHash } from 'node:crypto';
import { FLEETING_E_FINALS } from '../search/czech-stemmer';
import {
  activityTypeLabel,
  deliveryLabel,
  exportTexts,
  senderLabel,
  type ExportLanguage,
} from './export-labels';

/**
 * The HTML export: one self-contained file (inline CSS and JS, no request to anything) with a table of
 * the sessions and, under each row, its whole transcript in a collapsed <details>. The table is a CSS
 * grid of blocks rather than a <table> (a table lays out every row before showing any, and its row
 * groups cannot skip layout): every 100 sessions form a block with `content-visibility: auto`, so the
 * browser lays out only what is on screen and 10,000 sessions open quickly. A search box finds text anywhere in the file, case- and
 * diacritics-insensitively, over an index of normalised texts built on the first search; only the
 * current hit is highlighted (DOM text nodes, never innerHTML).
 *
 * Everything a client or operator wrote is escaped; on top of that the Content-Security-Policy allows
 * no requests at all and runs only the one script whose hash it names, so even markup that slipped
 * through could run nothing.
 */

export interface HtmlActivity {
  at: string;
  sender: string;
  type: string;
  text: string | null;
  senderName: string | null;
  fileName: string | null;
  fileSize: string | number | null;
  fileMimeType: string | null;
  systemCode: string | null;
  systemData: unknown;
  /** An outbound messaging line's delivery state (and the reason of a failure). */
  delivery?: { state: string; reason: string | null } | null;
}

export interface HtmlSession {
  id: string;
  cells: (string | number | null)[];
  activities: HtmlActivity[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * What the file's search looks for, as plain ES5 for the inline script (and tested in Node): the typed
 * text lower-cased without diacritics, and for a single word the content search's fleeting-e rules
 * (server/modules/search/README.md, rules 5 and 6; the consonants come from czech-stemmer.ts): dárek
 * also looks for dárk (dárku, dárky), objednávek for objednávk (objednávka), výpadku for výpadek,
 * objednávka for objednávek. Each is matched as a substring, like the typed text.
 */
export const HTML_SEARCH_NEEDLES = `var FLEETING_E_FINALS = '${FLEETING_E_FINALS}';
  function norm(s) { return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); }
  function isConsonant(c) { return c !== undefined && /^[bcdfghjklmnpqrstvwxz]$/.test(c); }
  function needles(typed) {
    var word = norm(typed.trim());
    if (!word) return [];
    var list = [word];
    if (!/^[a-z]{4,}$/.test(word)) return list;
    var n = word.length;
    if (FLEETING_E_FINALS.indexOf(word[n - 1]) >= 0 && word[n - 2] === 'e' && isConsonant(word[n - 3])) {
      list.push(word.slice(0, n - 2) + word[n - 1]);
    }
    var base = /[aeiouy]$/.test(word) ? word.slice(0, n - 1) : word;
    var m = base.length;
    if (m >= 3 && FLEETING_E_FINALS.indexOf(base[m - 1]) >= 0 && isConsonant(base[m - 2]) &&
        base[m - 2] !== base[m - 1] && !/ch$/.test(base)) {
      list.push(base.slice(0, m - 1) + 'e' + base[m - 1]);
    }
    return list;
  }`;

const SCRIPT = `(function () {
  var input = document.getElementById('q');
  var counter = document.getElementById('count');
  var texts = null;
  var normalised = null;
  var hits = [];
  var current = -1;
  var marked = null;
  var timer = 0;
  var lastQuery = null;
  var noHits = counter.getAttribute('data-none');
  ${HTML_SEARCH_NEEDLES}
  var built = 0;
  function start() {
    if (texts) return;
    texts = document.querySelectorAll('.x');
    normalised = new Array(texts.length);
  }
  function buildSome(until) {
    for (; built < until; built++) normalised[built] = norm(texts[built].textContent);
  }
  // The index is built in slices while the page is idle, so the first search finds it ready.
  function buildInBackground() {
    start();
    buildSome(Math.min(texts.length, built + 5000));
    if (built < texts.length) setTimeout(buildInBackground, 0);
  }
  function build() {
    start();
    buildSome(texts.length);
  }
  setTimeout(buildInBackground, 0);
  function unmark() {
    if (!marked) return;
    marked.el.textContent = marked.text;
    marked = null;
  }
  function show(index) {
    unmark();
    current = index;
    var hit = hits[index];
    var el = texts[hit[0]];
    var text = el.textContent;
    var map = [];
    for (var j = 0; j < text.length; j++) {
      var piece = norm(text[j]);
      for (var p = 0; p < piece.length; p++) map.push(j);
    }
    map.push(text.length);
    var start = map[hit[1]];
    var end = map[hit[1] + hit[2] - 1] + 1;
    marked = { el: el, text: text };
    el.textContent = '';
    el.appendChild(document.createTextNode(text.slice(0, start)));
    var mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    el.appendChild(mark);
    el.appendChild(document.createTextNode(text.slice(end)));
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    mark.scrollIntoView({ block: 'center' });
    counter.textContent = (index + 1) + ' / ' + hits.length;
  }
  function search() {
    unmark();
    build();
    hits = [];
    current = -1;
    lastQuery = input.value;
    var list = needles(input.value);
    if (list.length === 0) { counter.textContent = ''; return; }
    for (var i = 0; i < normalised.length; i++) {
      var found = [];
      for (var k = 0; k < list.length; k++) {
        var needle = list[k];
        var at = normalised[i].indexOf(needle);
        while (at >= 0) { found.push([i, at, needle.length]); at = normalised[i].indexOf(needle, at + needle.length); }
      }
      // In text order; where two forms match at one place, the longer one.
      found.sort(function (a, b) { return a[1] - b[1] || b[2] - a[2]; });
      for (var f = 0; f < found.length; f++) {
        var last = hits[hits.length - 1];
        if (last && last[0] === i && found[f][1] < last[1] + last[2]) continue;
        hits.push(found[f]);
      }
    }
    if (hits.length === 0) { counter.textContent = noHits; return; }
    show(0);
  }
  function step(delta) {
    if (lastQuery !== input.value) { search(); return; }
    if (hits.length === 0) return;
    show((current + delta + hits.length) % hits.length);
  }
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 250); });
  input.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    if (lastQuery !== input.value) search();
    else step(event.shiftKey ? -1 : 1);
  });
  document.getElementById('next').addEventListener('click', function () { step(1); });
  document.getElementById('prev').addEventListener('click', function () { step(-1); });
})();`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');

/** The policy of the file: no requests, only our inline style and the one script with this hash. */
export const HTML_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 14px; }
  body { margin: 0; color: #1f2328; }
  header { position: sticky; top: 0; z-index: 2; background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px;
    display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 16px 0 0; }
  header input { font: inherit; padding: 4px 8px; min-width: 260px; }
  header button { font: inherit; padding: 4px 10px; }
  header .meta { color: #57606a; margin-left: auto; }
  #count { min-width: 7em; color: #57606a; }
  main { padding: 8px 16px 32px; }
  .grid { display: grid; grid-template-columns: var(--columns); column-gap: 0; }
  .grid > div { border-bottom: 1px solid #eaeef2; padding: 4px 8px; overflow-wrap: anywhere; min-width: 0; }
  .head { position: sticky; top: 49px; z-index: 1; background: #fff; font-weight: 600; }
  .head > div { border-bottom: 2px solid #d0d7de; }
  .chunk { content-visibility: auto; contain-intrinsic-size: auto 4000px; }
  .t { padding: 0 8px 6px 24px; border-bottom: 1px solid #d0d7de; }
  .t p { margin: 4px 0; color: #57606a; }
  summary { cursor: pointer; color: #0969da; }
  ol { list-style: none; margin: 6px 0; padding: 0; }
  li { margin: 4px 0; padding: 4px 8px; border-radius: 6px; max-width: 60rem; }
  li.client { background: #f1f8ff; }
  li.operator, li.chatbot { background: #f6f8fa; margin-left: 3rem; }
  li.system { background: none; color: #57606a; font-style: italic; border-left: 3px solid #d0d7de; }
  .h { font-size: 12px; color: #57606a; }
  .b { white-space: pre-wrap; }
  mark { background: #ffd33d; }
  footer { padding: 8px 16px; color: #57606a; }`;

export interface HtmlStartOptions {
  lang: ExportLanguage;
  title: string;
  headers: readonly string[];
  timeZone: string;
  exportedAt: string;
}

export function htmlStart(options: HtmlStartOptions): string {
  const t = exportTexts[options.lang];
  const headerCells = options.headers
    .map((header) => `<div role="columnheader" class="x">${escapeHtml(header)}</div>`)
    .join('');
  const columns = `repeat(${Math.max(1, options.headers.length)}, minmax(6rem, 1fr))`;
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}
  :root { --columns: ${columns}; }</style>
</head>
<body>
<header>
<h1>${escapeHtml(options.title)}</h1>
<label>${escapeHtml(t.search)}: <input id="q" type="search" placeholder="${escapeHtml(t.searchPlaceholder)}" autocomplete="off"></label>
<button id="prev" type="button" title="Shift+Enter">${escapeHtml(t.previous)}</button>
<button id="next" type="button" title="Enter">${escapeHtml(t.next)}</button>
<span id="count" aria-live="polite" data-none="${escapeHtml(t.noHits)}"></span>
<span class="meta">${escapeHtml(t.exportedAt)}: ${escapeHtml(options.exportedAt)} · ${escapeHtml(t.timeZone)}: ${escapeHtml(options.timeZone)} · ${escapeHtml(t.durations)}</span>
</header>
<main>
<div role="table">
<div role="row" class="grid head">${headerCells}</div>
`;
}

function formatSize(size: string | number | null): string {
  if (size === null) return '';
  const bytes = Number(size);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function activityHtml(activity: HtmlActivity, lang: ExportLanguage): string {
  const t = exportTexts[lang];
  const role = activity.type === 'system' || activity.sender === 'system' ? 'system' : activity.sender;
  const kind = activity.type === 'file' ? ' file' : '';
  // A name is isolated (<bdi>), so a bidi override in it cannot reorder the sender label after it; each
  // searchable piece is its own leaf, as the search's highlight rewrites a leaf's text.
  const label = senderLabel(activity.sender, lang);
  const who = activity.senderName
    ? `<bdi class="x">${escapeHtml(activity.senderName)}</bdi> <span class="x">(${escapeHtml(label)})</span>`
    : `<span class="x">${escapeHtml(label)}</span>`;
  let body: string;
  if (activity.type === 'file') {
    const details = [formatSize(activity.fileSize), activity.fileMimeType ?? ''].filter(Boolean).join(', ');
    body = `${t.file}: ${revealFileName(activity.fileName ?? '')}${details ? ` (${details})` : ''}${activity.text ? `\n${activity.text}` : ''}`;
  } else if (activity.type === 'system' && !activity.text) {
    const data =
      activity.systemData &&
      typeof activity.systemData === 'object' &&
      Object.keys(activity.systemData).length > 0
        ? ` ${JSON.stringify(activity.systemData)}`
        : '';
    body =
      systemMessageText(activity.systemCode, activity.systemData, lang) ??
      `${activity.systemCode ?? activityTypeLabel(activity.type, lang)}${data}`;
  } else {
    body = activity.text ?? '';
  }
  const delivery = deliveryLabel(activity.delivery, lang);
  if (delivery) body += ` [${delivery}]`;
  return `<li class="${role}${kind}"><div class="h">${who} · <time>${escapeHtml(activity.at)}</time></div><div class="x b" dir="auto">${escapeHtml(body)}</div></li>`;
}

/** One session: its row, and under it the collapsed transcript. */
export function htmlSession(session: HtmlSession, lang: ExportLanguage): string {
  const t = exportTexts[lang];
  const cells = session.cells
    .map(
      (cell) =>
        `<div role="cell" class="x" dir="auto">${cell === null ? '' : escapeHtml(String(cell))}</div>`,
    )
    .join('');
  const transcript =
    session.activities.length === 0
      ? `<p>${escapeHtml(t.emptyTranscript)}</p>`
      : `<details><summary>${escapeHtml(t.showTranscript)} ${escapeHtml(session.id)} (${session.activities.length})</summary><ol>${session.activities
          .map((activity) => activityHtml(activity, lang))
          .join('')}</ol></details>`;
  return `<div class="s" id="s${escapeHtml(session.id)}"><div role="row" class="grid">${cells}</div><div class="t">${transcript}</div></div>\n`;
}

/** Sessions are grouped in blocks the browser can skip laying out while they are off screen. */
export const SESSIONS_PER_CHUNK = 100;
export const CHUNK_OPEN = '<div class="chunk">\n';
export const CHUNK_CLOSE = '</div>\n';

export function htmlEnd(count: number, lang: ExportLanguage): string {
  const t = exportTexts[lang];
  return `</div>
</main>
<footer>${escapeHtml(t.count)}: ${count}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
