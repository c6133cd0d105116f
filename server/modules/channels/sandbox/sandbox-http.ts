import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stand-in platform received: what tests assert on. */
export interface RecordedRequest {
  platform: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
  at: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
}

export type Handler = (request: {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  json: unknown;
  /** A multipart/form-data body, parsed (file uploads). */
  form: MultipartForm | undefined;
}) => Promise<Reply | undefined> | Reply | undefined;

/** A parsed multipart/form-data body: its text fields and its files. */
export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { filename: string; type: string; bytes: Buffer }>;
}

/** Parses a multipart/form-data body as a platform's front end would (undefined when it is not one). */
async function parseMultipart(raw: Buffer, contentType: string): Promise<MultipartForm | undefined> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return undefined;
  try {
    const data = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const form: MultipartForm = { fields: {}, files: {} };
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string') form.fields[name] = value;
      else
        form.files[name] = {
          filename: value.name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
    }
    return form;
  } catch {
    return undefined;
  }
}

/** What is recorded of a multipart body: the fields, and of each file its name, type, size and hash. */
function formRecord(form: MultipartForm) {
  return {
    fields: form.fields,
    files: Object.fromEntries(
      Object.entries(form.files).map(([name, file]) => [
        name,
        {
          filename: file.filename,
          type: file.type,
          size: file.bytes.length,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
        },
      ]),
    ),
  };
}

/** What the stand-in is told to do to the next API calls: fail with a status, or answer slowly. */
export interface FaultPlan {
  /** Every API call answers this status until cleared (the platform is down). */
  down?: number;
  /** The next N API calls answer `status` (only calls whose path ends with `path`, when given). */
  failNext?: { status: number; count: number; path?: string };
  /** Each API call waits this long first. */
  delayMs?: number;
  /** API calls wait until this settles (a test holds a send in flight, then lets it go). */
  hold?: Promise<void>;
}

export const randomId = (bytes = 12) => randomBytes(bytes).toString('hex');

/** X-Hub-Signature-256 as Meta sends it: HMAC-SHA256 of the raw body with the app secret, hex. */
export function hubSignature(appSecret: string, raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** A small HTTP server that routes to handlers, records API calls and applies the fault plan. */
export function sandboxServer(options: { isApi: (path: string) => boolean; handlers: Handler[] }) {
  const requests: RecordedRequest[] = [];
  const faults: FaultPlan = {};
  /** API calls waiting on `faults.hold` right now. */
  let held = 0;
  let server: http.Server | undefined;
  let baseUrl = '';

  const faultFor = (path: string): number | undefined => {
    if (faults.down) return faults.down;
    if (
      faults.failNext &&
      faults.failNext.count > 0 &&
      (faults.failNext.path === undefined || path.endsWith(faults.failNext.path))
    ) {
      faults.failNext.count -= 1;
      return faults.failNext.status;
    }
    return undefined;
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const query = Object.fromEntries(url.searchParams);
    let json: unknown;
    if (raw.length > 0 && (req.headers['content-type'] ?? '').includes('json')) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    const form = await parseMultipart(raw, req.headers['content-type'] ?? '');
    const api = options.isApi(url.pathname);
    let reply: Reply | undefined;
    if (api && faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (api && faults.hold) {
      held += 1;
      await faults.hold.finally(() => (held -= 1));
    }
    const fault = api ? faultFor(url.pathname) : undefined;
    if (fault) {
      reply = {
        status: fault,
        body: {
          error: {
            message: fault === 429 ? 'Rate limit hit' : 'Service temporarily unavailable',
            type: 'OAuthException',
            code: fault === 429 ? 130429 : 2,
            fbtrace_id: randomId(8),
          },
        },
      };
    } else {
      for (const handler of options.handlers) {
        reply = await handler({
          method: req.method ?? 'GET',
          path: url.pathname,
          query,
          headers: req.headers,
          raw,
          json,
          form,
        });
        if (reply) break;
      }
      reply ??= { status: 404, body: { error: { message: 'Unknown path', code: 100 } } };
    }
    if (api) {
      requests.push({
        platform: url.pathname.split('/')[1] ?? '',
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers: req.headers,
        body: form ? formRecord(form) : (json ?? (raw.length > 0 ? raw.toString('utf8') : undefined)),
        status: reply.status,
        at: Date.now(),
      });
    }
    const payload = reply.raw ?? Buffer.from(reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'application/json',
      'content-length': payload.length,
    });
    res.end(payload);
  }

  return {
    requests,
    faults,
    get held() {
      return held;
    },
    get url() {
      return baseUrl;
    },
    async listen(port = 0, host = '127.0.0.1'): Promise<string> {
      server = http.createServer((req, res) => {
        handle(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(port, host, resolve));
      const address = server.address() as AddressInfo;
      baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      return baseUrl;
    },
    async close(): Promise<void> {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    },
  };
}

/** Posts a webhook as the platform does; answers the receiver's status and body. */
export async function postWebhook(
  url: string,
  raw: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', body: raw, headers });
  return { status: response.status, body: await response.text() };
}
