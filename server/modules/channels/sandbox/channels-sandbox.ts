import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  hubSignature,
  postWebhook,
  randomId,
  sandboxServer,
  type Handler,
  type MultipartForm,
  type Reply,
} from './sandbox-http';

/**
 * Local stand-ins of the messaging platforms, for tests and the demo: one HTTP server that behaves
 * like the WhatsApp Cloud API and the Messenger Platform as their documentation describes (paths,
 * auth, request shapes, error bodies and codes, the messaging windows), records every API call, sends
 * signed webhooks (messages, statuses), serves media, and can be told to fail or slow down.
 * Formats: docs/channels.md. Not our code's mock: it knows nothing of Sessiondesk.
 */

const DAY = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

/**
 * The Cloud API's supported media per message type ("Supported media types", WhatsApp Cloud API media
 * reference): the MIME types each type accepts and its size limit.
 */
export const WHATSAPP_MEDIA_LIMITS = {
  image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  video: { types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
  audio: {
    types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16 * MB,
  },
  document: {
    types: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
} as const;
/** Messenger: an attachment sent as form data (`filedata`) may be up to 25 MB ("Saving assets"). */
export const MESSENGER_ATTACHMENT_MAX_BYTES = 25 * MB;
const GRAPH_PATH = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?$/;

export interface WhatsappSandboxAccount {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  webhookUrl: string;
  displayPhoneNumber?: string;
  /** The WhatsApp Business Account the number belongs to: where its message templates live. */
  businessAccountId?: string;
}

/** A message template as the WhatsApp Business Management API lists it (the fields the stand-in keeps). */
export interface SandboxTemplate {
  name: string;
  language: string;
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  /** The BODY text with {{1}} … placeholders. */
  body: string;
}
export interface MessengerSandboxAccount {
  pageId: string;
  pageAccessToken: string;
  appSecret: string;
  webhookUrl: string;
}

export interface VkSandboxAccount {
  communityId: string;
  accessToken: string;
  secretKey: string;
  webhookUrl: string;
}

export interface AppleSandboxAccount {
  businessId: string;
  mspId: string;
  /** Base64, as Apple issues it. */
  mspSecret: string;
  webhookUrl: string;
}

export interface SandboxMedia {
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
}

export type WhatsappInbound =
  | { text: string }
  | { image: SandboxMedia; caption?: string }
  | { document: SandboxMedia; caption?: string }
  | { audio: SandboxMedia }
  | { video: SandboxMedia; caption?: string }
  | { location: { latitude: number; longitude: number; name?: string; address?: string } }
  | { contacts: { name: string; phone: string }[] }
  | { buttonReply: { id: string; title: string } };

export type MessengerInbound =
  | { text: string }
  | { attachment: { type: 'image' | 'video' | 'audio' | 'file'; media: SandboxMedia } }
  | { postback: { title: string; payload: string } };

export interface WebhookDelivery {
  /** The platform's message id (or the status's message id). */
  id: string;
  raw: Buffer;
  headers: Record<string, string>;
  url: string;
  status: number;
  body: string;
}

const metaError = (
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
): Reply => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'OAuthException',
      code,
      ...extra,
      fbtrace_id: randomId(8),
    },
  },
});

export interface ChannelsSandboxOptions {
  /** After an accepted send, send the sent, delivered and read statuses by itself (the demo). */
  autoStatuses?: boolean;
}

export function channelsSandbox(options: ChannelsSandboxOptions = {}) {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const whatsappAccounts = new Map<string, WhatsappSandboxAccount>();
  const messengerAccounts = new Map<string, MessengerSandboxAccount>();
  const vkAccounts = new Map<string, VkSandboxAccount>();
  const appleAccounts = new Map<string, AppleSandboxAccount>();

  /** An MSP API JWT: HS256 with the MSP secret, audience the MSP id. */
  const appleToken = (account: AppleSandboxAccount) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ aud: account.mspId, iat: Math.floor(now() / 1000) })}`;
    const signature = createHmac('sha256', Buffer.from(account.mspSecret, 'base64'))
      .update(unsigned)
      .digest('base64url');
    return `${unsigned}.${signature}`;
  };
  const appleTokenValid = (account: AppleSandboxAccount, authorization: unknown) => {
    const token = typeof authorization === 'string' ? authorization.replace(/^Bearer /, '') : '';
    const [head = '', claims = '', signature = ''] = token.split('.');
    const expected = createHmac('sha256', Buffer.from(account.mspSecret, 'base64'))
      .update(`${head}.${claims}`)
      .digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    try {
      return (
        (JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud?: string }).aud === account.mspId
      );
    } catch {
      return false;
    }
  };
  /** VK: messages sent by (community, random_id), so a repeated random_id is not sent twice. */
  const vkByRandomId = new Map<string, number>();
  let vkMessageId = 1000;
  const media = new Map<string, SandboxMedia & { token?: string }>();
  /** Apple attachments at the file service, by their URL. */
  const appleFiles = new Map<
    string,
    { url: string; owner: string; signature: string; mediaId: string; businessId: string }
  >();
  /** WhatsApp media uploaded by the business: which number uploaded each id, and when (its clock). */
  const uploadedBy = new Map<string, string>();
  const uploadedAt = new Map<string, number>();
  /** Message templates per WhatsApp Business Account id, in the order the platform lists them. */
  const templatesByWaba = new Map<string, (SandboxTemplate & { id: string })[]>();
  const lastInbound = new Map<string, number>();
  /** Accepted outbound messages by id: who they went to, through which account. */
  const sent = new Map<
    string,
    { platform: 'whatsapp' | 'messenger' | 'vkontakte' | 'apple'; account: string; to: string; body: unknown }
  >();
  const inFlight = new Set<Promise<unknown>>();
  const deliveries: WebhookDelivery[] = [];

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  };

  async function deliver(url: string, appSecret: string, id: string, payload: unknown, raw?: Buffer) {
    const body = raw ?? Buffer.from(JSON.stringify(payload));
    const headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': hubSignature(appSecret, body),
      'user-agent': 'facebookexternalua',
    };
    const result = await postWebhook(url, body, headers);
    const delivery = { id, raw: body, headers, url, ...result };
    deliveries.push(delivery);
    return delivery;
  }

  function storeMedia(item: SandboxMedia, token?: string): string {
    const id = String(10 ** 15 + Math.floor(Math.random() * 10 ** 15));
    media.set(id, { ...item, ...(token ? { token } : {}) });
    return id;
  }

  // --- WhatsApp Cloud API: POST /{version}/{phone-number-id}/messages, GET /{version}/{media-id} ---

  const whatsappAuth = (headers: Record<string, unknown>, account: WhatsappSandboxAccount) =>
    headers.authorization === `Bearer ${account.accessToken}`;

  const whatsappApi: Handler = ({ method, path, query, headers, json, form }) => {
    const match = GRAPH_PATH.exec(path);
    if (!match) return undefined;
    const [, , objectId = '', edge] = match;
    if (method === 'GET' && edge === undefined && media.has(objectId)) {
      const item = media.get(objectId);
      const owner = [...whatsappAccounts.values()].find((account) => whatsappAuth(headers, account));
      if (!item || !owner || item.token !== owner.accessToken)
        return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
      return {
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          url: `${server.url}/whatsapp-media/${objectId}`,
          mime_type: item.mimeType,
          sha256: createHash('sha256').update(item.bytes).digest('hex'),
          file_size: item.bytes.length,
          id: objectId,
        },
      };
    }
    if (edge === 'message_templates' && templatesByWaba.has(objectId)) {
      // WhatsApp Business Management API: GET /{version}/{WABA-ID}/message_templates, paged by cursor.
      if (method !== 'GET') return metaError(400, 100, 'Unsupported post request.');
      const owner = [...whatsappAccounts.values()].find(
        (candidate) => candidate.businessAccountId === objectId && whatsappAuth(headers, candidate),
      );
      if (!owner) return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
      const all = templatesByWaba.get(objectId) ?? [];
      const limit = Math.min(Math.max(Number(query.limit ?? 25) || 25, 1), 100);
      const start = query.after ? Number(Buffer.from(query.after, 'base64url').toString()) || 0 : 0;
      const page = all.slice(start, start + limit);
      const cursor = (index: number) => Buffer.from(String(index)).toString('base64url');
      const more = start + limit < all.length;
      return {
        status: 200,
        body: {
          data: page.map((template) => ({
            name: template.name,
            components: [{ type: 'BODY', text: template.body }],
            language: template.language,
            status: template.status,
            category: template.category,
            id: template.id,
          })),
          paging: {
            cursors: { before: cursor(start), after: cursor(start + page.length) },
            ...(more
              ? {
                  next: `${server.url}${path}?fields=${query.fields ?? ''}&limit=${limit}&after=${cursor(start + page.length)}`,
                }
              : {}),
          },
        },
      };
    }
    const account = whatsappAccounts.get(objectId);
    if (account && edge === 'media') return whatsappUpload(account, method, headers, form);
    if (!account || edge !== 'messages') return undefined;
    if (method !== 'POST') return metaError(400, 100, 'Unsupported get request.');
    if (!whatsappAuth(headers, account))
      return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const body = json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object')
      return metaError(400, 100, 'Invalid parameter', { error_subcode: 2494010 });
    if (body.messaging_product !== 'whatsapp')
      return metaError(400, 100, '(#100) The parameter messaging_product is required.');
    const to = body.to;
    if (typeof to !== 'string' || !/^\+?\d{6,20}$/.test(to))
      return metaError(400, 131009, '(#131009) Parameter value is not valid', {
        error_data: { messaging_product: 'whatsapp', details: 'Recipient phone number is not valid' },
      });
    const type = body.type ?? 'text';
    const content = body[type as string] as Record<string, unknown> | undefined;
    if (type === 'template') {
      const refused = templateRefusal(account, content);
      if (refused) return refused;
    }
    if (['image', 'document', 'audio', 'video'].includes(type as string) && typeof content?.id === 'string') {
      const refused = mediaRefusal(account, type as keyof typeof WHATSAPP_MEDIA_LIMITS, content.id);
      if (refused) return refused;
    }
    const valid =
      type === 'template' ||
      (type === 'text'
        ? typeof content?.body === 'string' && content.body.length >= 1 && content.body.length <= 4096
        : ['image', 'document', 'audio', 'video'].includes(type as string) &&
          (typeof content?.link === 'string' || typeof content?.id === 'string'));
    if (!valid)
      return metaError(400, 100, '(#100) Invalid parameter', {
        error_data: {
          messaging_product: 'whatsapp',
          details: `Unexpected or missing ${JSON.stringify(type)} content`,
        },
      });
    const id = `wamid.${Buffer.from(randomId(16)).toString('base64url')}`;
    const waId = to.replace(/^\+/, '');
    sent.set(id, { platform: 'whatsapp', account: objectId, to: waId, body });
    // Outside the 24-hour customer service window the API still accepts the request; the message then
    // fails with 131047 in a status webhook (Cloud API error codes).
    const last = lastInbound.get(`whatsapp:${objectId}:${waId}`);
    // A template may start a conversation at any time; free text only within the window.
    if (type !== 'template' && (last === undefined || now() - last > DAY)) {
      void track(
        sandbox.whatsapp.status(id, 'failed', {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        }),
      );
    } else if (options.autoStatuses) {
      void track(
        (async () => {
          for (const state of ['sent', 'delivered', 'read'] as const)
            await sandbox.whatsapp.status(id, state);
        })(),
      );
    }
    return {
      status: 200,
      body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [{ id }] },
    };
  };

  /**
   * `POST /{version}/{phone-number-id}/media`: multipart with `messaging_product=whatsapp`, `type` (the
   * MIME type) and the `file` part; the bearer token of the number. The file must be of a supported type
   * (any message type's) and at most 100 MB; answers `{ id }`, usable by this number's sends (and
   * downloadable by its token, as the platform's media are).
   */
  function whatsappUpload(
    account: WhatsappSandboxAccount,
    method: string,
    headers: Record<string, unknown>,
    form: MultipartForm | undefined,
  ): Reply {
    if (method !== 'POST') return metaError(400, 100, 'Unsupported get request.');
    if (!whatsappAuth(headers, account))
      return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (!form) return metaError(400, 100, '(#100) The request must be multipart/form-data.');
    if (form.fields.messaging_product !== 'whatsapp')
      return metaError(400, 100, '(#100) The parameter messaging_product is required.');
    const file = form.files.file;
    if (!file) return metaError(400, 100, '(#100) The parameter file is required.');
    const declared = form.fields.type;
    if (!declared) return metaError(400, 100, '(#100) The parameter type is required.');
    const supported = Object.values(WHATSAPP_MEDIA_LIMITS).flatMap((limit) => [...limit.types] as string[]);
    if (!supported.includes(declared) || file.type !== declared)
      return metaError(
        400,
        100,
        `(#100) Param file must be a file with one of the following types: ${supported.join(', ')}. Received file of type '${file.type || declared}'.`,
      );
    if (file.bytes.length > WHATSAPP_MEDIA_LIMITS.document.maxBytes)
      return metaError(400, 131053, '(#131053) Media upload error', {
        error_data: { messaging_product: 'whatsapp', details: 'The file is larger than 100 MB.' },
      });
    const id = storeMedia(
      { bytes: file.bytes, mimeType: declared, fileName: file.filename },
      account.accessToken,
    );
    uploadedBy.set(id, account.phoneNumberId);
    uploadedAt.set(id, now());
    return { status: 200, body: { id } };
  }

  /**
   * A media message naming an uploaded id: the id must be this number's upload, and its type and size
   * within the message type's limits (131053, "Media upload error", with the reason in details).
   */
  function mediaRefusal(
    account: WhatsappSandboxAccount,
    type: keyof typeof WHATSAPP_MEDIA_LIMITS,
    id: string,
  ): Reply | undefined {
    const item = media.get(id);
    // Uploaded media are deleted after 30 days (Cloud API media reference): the id is then unknown.
    const expired = now() - (uploadedAt.get(id) ?? now()) > 30 * DAY;
    if (!item || uploadedBy.get(id) !== account.phoneNumberId || expired)
      return metaError(400, 100, '(#100) Invalid parameter', {
        error_data: {
          messaging_product: 'whatsapp',
          details: `Media id ${id} is not valid for this number.`,
        },
      });
    const limit = WHATSAPP_MEDIA_LIMITS[type];
    const refusal = (details: string) =>
      metaError(400, 131053, '(#131053) Media upload error', {
        error_data: { messaging_product: 'whatsapp', details },
      });
    if (!(limit.types as readonly string[]).includes(item.mimeType))
      return refusal(`A ${type} cannot be of type ${item.mimeType}.`);
    if (item.bytes.length > limit.maxBytes)
      return refusal(`The ${type} is ${item.bytes.length} bytes; the limit is ${limit.maxBytes}.`);
    return undefined;
  }

  /**
   * Checks a template send as the Cloud API does: the template exists in the number's WhatsApp Business
   * Account in that language and is approved (132001), the body gets exactly as many parameters as it
   * has placeholders (132000), and each parameter is text without new lines, tabs or more than four
   * consecutive spaces (132018). Undefined when it passes.
   */
  function templateRefusal(account: WhatsappSandboxAccount, content: Record<string, unknown> | undefined) {
    const name = content?.name;
    const language = (content?.language as { code?: unknown } | undefined)?.code;
    if (typeof name !== 'string' || typeof language !== 'string')
      return metaError(400, 100, '(#100) Invalid parameter', {
        error_data: {
          messaging_product: 'whatsapp',
          details: 'template.name and template.language.code are required',
        },
      });
    const template = (templatesByWaba.get(account.businessAccountId ?? '') ?? []).find(
      (candidate) => candidate.name === name && candidate.language === language,
    );
    if (!template || template.status !== 'APPROVED')
      return metaError(404, 132001, '(#132001) Template name does not exist in the translation', {
        error_data: {
          messaging_product: 'whatsapp',
          details: `template name (${name}) does not exist in ${language}${template ? ` (status ${template.status})` : ''}`,
        },
      });
    const expected = new Set(template.body.match(/\{\{\d+\}\}/g) ?? []).size;
    const components = Array.isArray(content?.components)
      ? (content.components as Record<string, unknown>[])
      : [];
    const bodyPart = components.find((component) => component.type === 'body');
    const parameters = Array.isArray(bodyPart?.parameters)
      ? (bodyPart.parameters as Record<string, unknown>[])
      : [];
    if (parameters.length !== expected)
      return metaError(
        400,
        132000,
        '(#132000) Number of parameters does not match the expected number of params',
        {
          error_data: {
            messaging_product: 'whatsapp',
            details: `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected})`,
          },
        },
      );
    const bad = parameters.find(
      (parameter) =>
        parameter.type !== 'text' ||
        typeof parameter.text !== 'string' ||
        parameter.text.length === 0 ||
        /[\n\t]| {5,}/.test(parameter.text),
    );
    if (bad)
      return metaError(400, 132018, '(#132018) There was an issue with the parameters in your template.', {
        error_data: {
          messaging_product: 'whatsapp',
          details: 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
        },
      });
    return undefined;
  }

  const whatsappMedia: Handler = ({ method, path, headers }) => {
    const match = /^\/whatsapp-media\/(\d+)$/.exec(path);
    if (!match || method !== 'GET') return undefined;
    const item = media.get(match[1] ?? '');
    if (!item) return { status: 404, body: { error: { message: 'Media not found', code: 100 } } };
    if (headers.authorization !== `Bearer ${item.token ?? ''}`)
      return metaError(401, 190, 'Invalid OAuth access token');
    return { status: 200, raw: item.bytes, contentType: item.mimeType };
  };

  // --- Messenger Platform: POST /{version}/me/messages (or /{page-id}/messages) ---

  /** Attachments saved through the Attachment Upload API, by attachment id: whose and what. */
  const messengerAttachments = new Map<string, { pageId: string; type: string; mimeType: string }>();

  /** A page by the token of a Graph call (`access_token` query, or a bearer header) and the path's object. */
  const messengerPage = (
    objectId: string,
    query: Record<string, string>,
    headers: Record<string, unknown>,
  ) => {
    const token =
      query.access_token ??
      (typeof headers.authorization === 'string' ? headers.authorization.replace(/^Bearer /, '') : '');
    return [...messengerAccounts.values()].find(
      (candidate) =>
        candidate.pageAccessToken === token && (objectId === 'me' || objectId === candidate.pageId),
    );
  };

  /**
   * An attachment's bytes as the platform checks them: 1 byte to 25 MB, and an `image`/`audio`/`video`
   * attachment's part of that content type (400, code 100, subcode 2018047). Undefined when it passes.
   */
  const messengerUploadRefusal = (type: unknown, upload: MultipartForm['files'][string]) => {
    if (upload.bytes.length === 0 || upload.bytes.length > MESSENGER_ATTACHMENT_MAX_BYTES)
      return metaError(400, 100, '(#100) Upload attachment failure.', {
        error_subcode: 2018047,
        error_user_msg: `Attachments may be up to ${MESSENGER_ATTACHMENT_MAX_BYTES} bytes.`,
      });
    if (['image', 'audio', 'video'].includes(type as string) && !upload.type.startsWith(`${String(type)}/`))
      return metaError(
        400,
        100,
        `(#100) An ${String(type)} attachment must have a Content-Type of type ${String(type)}.`,
        { error_subcode: 2018047 },
      );
    return undefined;
  };

  /**
   * The Attachment Upload API: `POST /{version}/me/message_attachments` (page token), form data with
   * `message` = `{ attachment: { type, payload: { is_reusable: true } } }` and the bytes in `filedata`;
   * answers `{ attachment_id }`, which this page's sends may name.
   */
  const messengerAttachmentUpload: Handler = ({ method, path, query, headers, form }) => {
    const match = GRAPH_PATH.exec(path);
    if (!match || match[3] !== 'message_attachments') return undefined;
    const objectId = match[2] ?? '';
    const account = messengerPage(objectId, query, headers);
    if (objectId !== 'me' && !messengerAccounts.has(objectId) && !account) return undefined;
    if (method !== 'POST') return metaError(400, 100, 'Unsupported get request.');
    if (!account) return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (!form) return metaError(400, 100, '(#100) The request must be multipart/form-data.');
    let message: { attachment?: { type?: unknown; payload?: { is_reusable?: unknown; url?: unknown } } };
    try {
      message = JSON.parse(form.fields.message ?? '') as typeof message;
    } catch {
      return metaError(400, 100, '(#100) param message must be a JSON object');
    }
    const attachment = message.attachment;
    if (!['image', 'video', 'audio', 'file'].includes(attachment?.type as string))
      return metaError(
        400,
        100,
        '(#100) param message[attachment][type] must be one of {image, audio, video, file}',
      );
    if (attachment?.payload?.is_reusable !== true)
      return metaError(400, 100, '(#100) Only reusable attachments can be uploaded (payload.is_reusable).');
    const upload = form.files.filedata;
    if (!upload) return metaError(400, 100, '(#100) Upload attachment failure: no filedata was sent.');
    const refused = messengerUploadRefusal(attachment.type, upload);
    if (refused) return refused;
    const id = String(10 ** 15 + Math.floor(Math.random() * 10 ** 15));
    messengerAttachments.set(id, {
      pageId: account.pageId,
      type: String(attachment.type),
      mimeType: upload.type,
    });
    return { status: 200, body: { attachment_id: id } };
  };

  const messengerApi: Handler = ({ method, path, query, headers, json, form }) => {
    const match = GRAPH_PATH.exec(path);
    if (!match || match[3] !== 'messages') return undefined;
    const objectId = match[2] ?? '';
    const account = messengerPage(objectId, query, headers);
    if (objectId !== 'me' && !messengerAccounts.has(objectId) && !account) return undefined;
    if (method !== 'POST') return metaError(400, 100, 'Unsupported get request.');
    if (!account) return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    // The Send API takes JSON, or form data whose fields are the same parameters (objects as JSON) plus
    // the attachment's bytes in `filedata` (upload and send in one call).
    let body = json as Record<string, unknown> | undefined;
    let upload: MultipartForm['files'][string] | undefined;
    if (form) {
      body = {};
      for (const [name, value] of Object.entries(form.fields)) {
        try {
          body[name] = ['recipient', 'message'].includes(name) ? JSON.parse(value) : value;
        } catch {
          return metaError(400, 100, `(#100) param ${name} must be a JSON object`);
        }
      }
      upload = form.files.filedata;
      const attachment = (body.message as { attachment?: { type?: unknown; payload?: { url?: unknown } } })
        ?.attachment;
      if (attachment && upload === undefined && typeof attachment.payload?.url !== 'string')
        return metaError(400, 100, '(#100) Upload attachment failure: no filedata was sent.');
      if (upload) {
        if (!attachment) return metaError(400, 100, '(#100) A file must be sent as message.attachment');
        const refused = messengerUploadRefusal(attachment.type, upload);
        if (refused) return refused;
      }
    }
    const recipient = (body?.recipient as { id?: unknown } | undefined)?.id;
    if (typeof recipient !== 'string')
      return metaError(400, 100, '(#100) The parameter recipient is required');
    const messagingType = body?.messaging_type;
    if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(messagingType as string))
      return metaError(
        400,
        100,
        '(#100) param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}',
      );
    if (messagingType === 'MESSAGE_TAG' && typeof body?.tag !== 'string')
      return metaError(400, 100, '(#100) Tag is required for MESSAGE_TAG messaging type');
    const message = body?.message as
      | {
          text?: unknown;
          attachment?: { type?: unknown; payload?: { url?: unknown; attachment_id?: unknown } };
        }
      | undefined;
    const savedId = message?.attachment?.payload?.attachment_id;
    if (savedId !== undefined) {
      // A saved attachment: this page's upload, sent as the type it was saved as.
      const saved = typeof savedId === 'string' ? messengerAttachments.get(savedId) : undefined;
      if (!saved || saved.pageId !== account.pageId)
        return metaError(400, 100, '(#100) Invalid attachment_id', { error_subcode: 2018047 });
      if (saved.type !== message?.attachment?.type)
        return metaError(
          400,
          100,
          `(#100) Attachment ${JSON.stringify(savedId)} was saved as ${saved.type}, not ${String(message?.attachment?.type)}.`,
        );
    }
    const hasText =
      typeof message?.text === 'string' && message.text.length > 0 && message.text.length <= 2000;
    const hasAttachment =
      ['image', 'video', 'audio', 'file'].includes(message?.attachment?.type as string) &&
      (typeof message?.attachment?.payload?.url === 'string' ||
        savedId !== undefined ||
        upload !== undefined);
    if (!hasText && !hasAttachment) return metaError(400, 100, '(#100) Must send either message or state');
    const last = lastInbound.get(`messenger:${account.pageId}:${recipient}`);
    if (last === undefined)
      return metaError(400, 100, '(#100) No matching user found', { error_subcode: 2018001 });
    const age = now() - last;
    const humanAgent = messagingType === 'MESSAGE_TAG' && body?.tag === 'HUMAN_AGENT';
    if (age > 7 * DAY || (age > DAY && !humanAgent))
      return metaError(400, 10, '(#10) This message is sent outside of allowed window.', {
        error_subcode: 2018278,
      });
    const id = `m_${randomId(20)}`;
    sent.set(id, { platform: 'messenger', account: account.pageId, to: recipient, body });
    if (options.autoStatuses) {
      void track(
        (async () => {
          await sandbox.messenger.delivery(account.pageId, recipient, [id]);
          await sandbox.messenger.read(account.pageId, recipient);
        })(),
      );
    }
    return { status: 200, body: { recipient_id: recipient, message_id: id } };
  };

  const messengerMedia: Handler = ({ method, path }) => {
    const match = /^\/messenger-cdn\/(\d+)$/.exec(path);
    if (!match || method !== 'GET') return undefined;
    const item = media.get(match[1] ?? '');
    return item
      ? { status: 200, raw: item.bytes, contentType: item.mimeType }
      : { status: 404, body: { error: { message: 'URL signature expired', code: 100 } } };
  };

  /**
   * The stand-in's own control API (`sessiondesk channels-sandbox` has no other interface): register
   * accounts, make a client write, read the recorded calls, set faults. JSON in, JSON out.
   */
  const control: Handler = async ({ method, path, json }) => {
    if (!path.startsWith('/_sandbox/')) return undefined;
    const body = (json ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
    try {
      if (method === 'POST' && path === '/_sandbox/whatsapp/accounts') {
        sandbox.whatsapp.addAccount(body as unknown as WhatsappSandboxAccount);
        return { status: 204 };
      }
      if (method === 'POST' && path === '/_sandbox/messenger/accounts') {
        sandbox.messenger.addAccount(body as unknown as MessengerSandboxAccount);
        return { status: 204 };
      }
      if (method === 'POST' && path === '/_sandbox/whatsapp/inbound') {
        const delivery = await sandbox.whatsapp.inbound(
          text('phoneNumberId'),
          { waId: text('waId'), name: text('name') },
          { text: text('text') },
        );
        return { status: 200, body: { id: delivery.id, webhookStatus: delivery.status } };
      }
      if (method === 'POST' && path === '/_sandbox/messenger/inbound') {
        const delivery = await sandbox.messenger.inbound(text('pageId'), text('psid'), {
          text: text('text'),
        });
        return { status: 200, body: { id: delivery.id, webhookStatus: delivery.status } };
      }
      if (method === 'GET' && path === '/_sandbox/requests')
        return { status: 200, body: server.requests.map(({ headers: _headers, ...rest }) => rest) };
      if (method === 'PUT' && path === '/_sandbox/faults') {
        for (const key of ['down', 'failNext', 'delayMs', 'hold'] as const) delete server.faults[key];
        Object.assign(server.faults, body);
        return { status: 204 };
      }
    } catch (error) {
      return { status: 400, body: { error: { message: (error as Error).message } } };
    }
    return { status: 404, body: { error: { message: 'Unknown sandbox control path' } } };
  };

  // --- VK API: POST /method/{name} (form or query parameters), answers { response } or { error } ---

  const vkError = (code: number, message: string): Reply => ({
    status: 200,
    body: { error: { error_code: code, error_msg: message, request_params: [] } },
  });

  /** Upload URLs handed out by `*.getMessagesUploadServer`: for which community, peer and kind. */
  const vkUploadUrls = new Map<string, { communityId: string; peer: string; kind: 'doc' | 'photo' }>();
  /** What an upload server answered, waiting for `docs.save` / `photos.saveMessagesPhoto` (by its token). */
  const vkUploaded = new Map<
    string,
    { communityId: string; kind: 'doc' | 'photo'; bytes: Buffer; filename: string; hash: string }
  >();
  /** Saved documents and photos, by their attachment name (`doc-1_2`, `photo-1_3`). */
  const vkSaved = new Map<string, { bytes: Buffer; filename: string; title: string }>();
  let vkItemId = 500;

  const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  /** VK's message photos: JPG, PNG or GIF, by their bytes. */
  const vkPhotoKind = (bytes: Buffer) =>
    startsWith(bytes, [0xff, 0xd8, 0xff])
      ? 'jpg'
      : startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])
        ? 'png'
        : startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
          ? 'gif'
          : undefined;

  const vkApi: Handler = ({ method, path, query, raw, headers }) => {
    if (!path.startsWith('/method/')) return undefined;
    const name = path.slice('/method/'.length);
    const form =
      method === 'POST' && String(headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
        : {};
    const params: Record<string, string> = { ...query, ...form };
    const account = [...vkAccounts.values()].find(
      (candidate) => candidate.accessToken === params.access_token,
    );
    if (!account) return vkError(5, 'User authorization failed: invalid access_token (4).');
    if (!params.v) return vkError(8, 'Invalid request: v (version) is required');
    switch (name) {
      case 'messages.send':
        return vkSend(account, params);
      case 'docs.getMessagesUploadServer':
      case 'photos.getMessagesUploadServer': {
        const kind = name.startsWith('docs.') ? 'doc' : 'photo';
        const peer = params.peer_id;
        if (!peer || !/^\d+$/.test(peer))
          return vkError(100, 'One of the parameters specified was missing or invalid: peer_id');
        if (kind === 'doc' && !['doc', 'audio_message', 'graffiti'].includes(params.type ?? 'doc'))
          return vkError(100, 'One of the parameters specified was missing or invalid: type');
        if (!lastInbound.has(`vkontakte:${account.communityId}:${peer}`))
          return vkError(901, "Can't send messages for users without permission");
        const token = randomId(10);
        vkUploadUrls.set(token, { communityId: account.communityId, peer, kind });
        const uploadUrl = `${server.url}/vk-upload/${token}`;
        return {
          status: 200,
          body: {
            response:
              kind === 'doc'
                ? { upload_url: uploadUrl }
                : { upload_url: uploadUrl, album_id: -3, group_id: Number(account.communityId) },
          },
        };
      }
      case 'docs.save': {
        const uploaded = vkUploaded.get(params.file ?? '');
        if (!uploaded || uploaded.kind !== 'doc' || uploaded.communityId !== account.communityId)
          return vkError(100, 'One of the parameters specified was missing or invalid: file is invalid');
        vkUploaded.delete(params.file ?? '');
        vkItemId += 1;
        const ownerId = -Number(account.communityId);
        const title = params.title || uploaded.filename;
        vkSaved.set(`doc${ownerId}_${vkItemId}`, {
          bytes: uploaded.bytes,
          filename: uploaded.filename,
          title,
        });
        const ext = uploaded.filename.includes('.') ? (uploaded.filename.split('.').pop() ?? '') : '';
        return {
          status: 200,
          body: {
            response: {
              type: 'doc',
              doc: {
                id: vkItemId,
                owner_id: ownerId,
                title,
                size: uploaded.bytes.length,
                ext,
                date: Math.floor(now() / 1000),
                type: 8,
                url: `${server.url}/messenger-cdn/0`,
              },
            },
          },
        };
      }
      case 'photos.saveMessagesPhoto': {
        const uploaded = vkUploaded.get(params.photo ?? '');
        if (!uploaded || uploaded.kind !== 'photo' || uploaded.communityId !== account.communityId)
          return vkError(
            100,
            'One of the parameters specified was missing or invalid: photos list is invalid',
          );
        if (params.hash !== uploaded.hash || !params.server) return vkError(121, 'Invalid hash');
        vkUploaded.delete(params.photo ?? '');
        vkItemId += 1;
        const ownerId = -Number(account.communityId);
        vkSaved.set(`photo${ownerId}_${vkItemId}`, {
          bytes: uploaded.bytes,
          filename: uploaded.filename,
          title: uploaded.filename,
        });
        return {
          status: 200,
          body: {
            response: [
              {
                id: vkItemId,
                album_id: -3,
                owner_id: ownerId,
                date: Math.floor(now() / 1000),
                sizes: [{ type: 'x', width: 604, height: 604, url: `${server.url}/messenger-cdn/0` }],
              },
            ],
          },
        };
      }
      default:
        return vkError(3, 'Unknown method passed');
    }
  };

  /**
   * An upload server of `*.getMessagesUploadServer`: multipart, a document in the `file` part (at most
   * 200 MB) answering `{ file }`, a photo in the `photo` part (JPG, PNG or GIF by its bytes, at most
   * 50 MB) answering `{ server, photo, hash }`; a refused file answers `{ error }` (photos: `photo` "[]").
   */
  const vkUpload: Handler = ({ method, path, form }) => {
    const match = /^\/vk-upload\/([0-9a-f]+)$/.exec(path);
    if (!match) return undefined;
    const target = vkUploadUrls.get(match[1] ?? '');
    if (!target || method !== 'POST') return { status: 404, body: { error: 'invalid upload url' } };
    if (target.kind === 'doc') {
      const file = form?.files.file;
      if (!file || file.bytes.length === 0) return { status: 200, body: { error: 'no_file' } };
      if (file.bytes.length > 200 * MB)
        return { status: 200, body: { error: 'file is too big (max 200 MB)' } };
      const token = `${target.communityId}|${randomId(16)}`;
      vkUploaded.set(token, {
        communityId: target.communityId,
        kind: 'doc',
        bytes: file.bytes,
        filename: file.filename,
        hash: '',
      });
      return { status: 200, body: { file: token } };
    }
    const photo = form?.files.photo;
    if (!photo || photo.bytes.length === 0 || photo.bytes.length > 50 * MB || !vkPhotoKind(photo.bytes))
      return {
        status: 200,
        body: { server: 0, photo: '[]', hash: '', error: 'photo must be a JPG, PNG or GIF of at most 50 MB' },
      };
    const token = JSON.stringify([{ photo: randomId(10), sizes: [], kid: randomId(8) }]);
    const hash = randomId(16);
    vkUploaded.set(token, {
      communityId: target.communityId,
      kind: 'photo',
      bytes: photo.bytes,
      filename: photo.filename,
      hash,
    });
    return {
      status: 200,
      body: { server: 850000 + Number(target.communityId.slice(-3)), photo: token, hash },
    };
  };

  /** `messages.send`: text and/or `attachment` (comma-separated saved `doc…` / `photo…` of this community). */
  function vkSend(account: VkSandboxAccount, params: Record<string, string>): Reply {
    const peer = params.peer_id ?? params.user_id;
    if (!peer || !/^\d+$/.test(peer))
      return vkError(100, 'One of the parameters specified was missing or invalid: peer_id');
    if (!params.random_id || !/^-?\d+$/.test(params.random_id))
      return vkError(
        100,
        'One of the parameters specified was missing or invalid: random_id is a required parameter',
      );
    if (!params.message && !params.attachment)
      return vkError(
        100,
        'One of the parameters specified was missing or invalid: message is empty or invalid',
      );
    for (const attachment of (params.attachment ?? '').split(',').filter(Boolean)) {
      const named = /^((?:doc|photo)-?\d+_\d+)(?:_[0-9a-f]+)?$/.exec(attachment);
      const owner = named ? /^(?:doc|photo)(-?\d+)_/.exec(named[1] ?? '')?.[1] : undefined;
      if (!named || !vkSaved.has(named[1] ?? '') || owner !== `-${account.communityId}`)
        return vkError(
          100,
          `One of the parameters specified was missing or invalid: attachment ${attachment} is invalid`,
        );
    }
    // A community may write only to a user who wrote to it (or allowed its messages).
    if (!lastInbound.has(`vkontakte:${account.communityId}:${peer}`))
      return vkError(901, "Can't send messages for users without permission");
    const key = `${account.communityId}:${params.random_id}`;
    const existing = vkByRandomId.get(key);
    if (existing !== undefined) return { status: 200, body: { response: existing } };
    vkMessageId += 1;
    vkByRandomId.set(key, vkMessageId);
    sent.set(String(vkMessageId), {
      platform: 'vkontakte',
      account: account.communityId,
      to: peer,
      body: params,
    });
    return { status: 200, body: { response: vkMessageId } };
  }

  // --- Apple MSP API: POST /message, JWT-authenticated, gzip JSON body, ids in headers ---

  const appleApi: Handler = ({ method, path, headers, raw }) => {
    if (path !== '/message' || method !== 'POST') return undefined;
    const account = appleAccounts.get(String(headers['source-id'] ?? ''));
    if (!account || !appleTokenValid(account, headers.authorization)) return { status: 401 };
    let body: Record<string, unknown>;
    try {
      const bytes = headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400 };
    }
    const destination = String(headers['destination-id'] ?? '');
    if (
      typeof headers.id !== 'string' ||
      body.id !== headers.id ||
      body.sourceId !== account.businessId ||
      body.destinationId !== destination ||
      body.type !== 'text' ||
      typeof body.body !== 'string'
    )
      return { status: 400 };
    // Attachments must be files this business uploaded, named as the upload answered, and their key
    // must decrypt them: what the customer will see is recorded (`apple.received()`).
    const files: { name: string; mimeType: string; bytes: Buffer }[] = [];
    if (body.attachments !== undefined) {
      if (!Array.isArray(body.attachments) || body.attachments.length === 0) return { status: 400 };
      for (const raw of body.attachments as Record<string, unknown>[]) {
        const file = typeof raw.url === 'string' ? appleFiles.get(raw.url) : undefined;
        const key = typeof raw.key === 'string' ? /^00([0-9a-f]{64})$/.exec(raw.key)?.[1] : undefined;
        const item = file ? media.get(file.mediaId) : undefined;
        if (
          !file ||
          !item ||
          !key ||
          file.businessId !== account.businessId ||
          raw.owner !== file.owner ||
          typeof raw['signature-base64'] !== 'string' ||
          Buffer.from(raw['signature-base64'], 'base64').toString('hex') !== file.signature ||
          typeof raw.name !== 'string' ||
          typeof raw.mimeType !== 'string' ||
          raw.size !== item.bytes.length
        )
          return { status: 400 };
        const decipher = createDecipheriv('aes-256-ctr', Buffer.from(key, 'hex'), Buffer.alloc(16));
        files.push({
          name: raw.name,
          mimeType: raw.mimeType,
          bytes: Buffer.concat([decipher.update(item.bytes), decipher.final()]),
        });
      }
    }
    // Only a customer who opened a conversation can be written to.
    if (!lastInbound.has(`apple:${account.businessId}:${destination}`)) return { status: 403 };
    sent.set(headers.id, { platform: 'apple', account: account.businessId, to: destination, body });
    appleReceived.set(headers.id, files);
    return { status: 200 };
  };

  /** What the stand-in assumes Apple's file service takes at most (the MSP pages name no limit). */
  const APPLE_MAX_ATTACHMENT_BYTES = 100 * MB;
  /** Upload URLs handed out by `/preUpload`: for which business, how many bytes. */
  const appleUploadUrls = new Map<string, { businessId: string; size: number; url: string; owner: string }>();
  /** Attachments the businesses sent, decrypted, by message id. */
  const appleReceived = new Map<string, { name: string; mimeType: string; bytes: Buffer }[]>();

  /**
   * MSP API `GET /preUpload`: the JWT of the business named by `source-id` and `MMCS-Size` (the
   * encrypted size, 1 byte to 100 MB, else 400); answers `upload-url`, `mmcs-url` and `mmcs-owner`.
   */
  const applePreUpload: Handler = ({ method, path, headers }) => {
    if (path !== '/preUpload') return undefined;
    if (method !== 'GET') return { status: 405 };
    const account = appleAccounts.get(String(headers['source-id'] ?? ''));
    if (!account || !appleTokenValid(account, headers.authorization)) return { status: 401 };
    const size = Number(headers['mmcs-size']);
    if (!Number.isInteger(size) || size <= 0 || size > APPLE_MAX_ATTACHMENT_BYTES) return { status: 400 };
    const token = randomId(12);
    const mediaId = String(10 ** 15 + Math.floor(Math.random() * 10 ** 15));
    const target = {
      businessId: account.businessId,
      size,
      url: `${server.url}/apple-mmcs/${mediaId}`,
      owner: `owner-${randomId(6)}`,
    };
    appleUploadUrls.set(token, target);
    return {
      status: 200,
      body: {
        'upload-url': `${server.url}/apple-mmcs-upload/${token}`,
        'mmcs-url': target.url,
        'mmcs-owner': target.owner,
      },
    };
  };

  /**
   * The upload URL: the encrypted bytes as the body, exactly `MMCS-Size` of them (else 400); kept at the
   * file service under the `mmcs-url`; answers `singleFile` with its size and `fileChecksum` (base64 of
   * 0x01 + SHA-1 of the ciphertext, 21 bytes like the signatures of inbound attachments).
   */
  const appleUpload: Handler = ({ method, path, raw }) => {
    const match = /^\/apple-mmcs-upload\/([0-9a-f]+)$/.exec(path);
    if (!match) return undefined;
    const target = appleUploadUrls.get(match[1] ?? '');
    if (!target || method !== 'POST') return { status: 404 };
    if (raw.length !== target.size) return { status: 400 };
    appleUploadUrls.delete(match[1] ?? '');
    const signature = Buffer.concat([Buffer.from([1]), createHash('sha1').update(raw).digest()]);
    const mediaId = target.url.split('/').pop() ?? '';
    media.set(mediaId, { bytes: raw, mimeType: 'application/octet-stream' });
    appleFiles.set(target.url, {
      url: target.url,
      owner: target.owner,
      signature: signature.toString('hex'),
      mediaId,
      businessId: target.businessId,
    });
    return {
      status: 200,
      body: {
        singleFile: { size: raw.length, fileChecksum: signature.toString('base64'), receipt: randomId(8) },
      },
    };
  };

  /**
   * MSP API `GET /preDownload`: the JWT of the business named by `source-id`, and the attachment's `url`,
   * `owner` and `signature` (hex) as the message gave them; answers `download-url`, where the encrypted
   * bytes are served.
   */
  const applePreDownload: Handler = ({ method, path, headers }) => {
    if (path !== '/preDownload') return undefined;
    if (method !== 'GET') return { status: 405 };
    const account = appleAccounts.get(String(headers['source-id'] ?? ''));
    if (!account || !appleTokenValid(account, headers.authorization)) return { status: 401 };
    const file = appleFiles.get(String(headers.url ?? ''));
    if (
      !file ||
      file.businessId !== account.businessId ||
      headers.owner !== file.owner ||
      headers.signature !== file.signature
    )
      return { status: 400 };
    return { status: 200, body: { 'download-url': `${server.url}/apple-download/${file.mediaId}` } };
  };
  const appleDownload: Handler = ({ method, path }) => {
    const match = /^\/apple-download\/(\d+)$/.exec(path);
    if (!match || method !== 'GET') return undefined;
    const item = media.get(match[1] ?? '');
    return item ? { status: 200, raw: item.bytes, contentType: 'application/octet-stream' } : { status: 404 };
  };

  const server = sandboxServer({
    isApi: (path) =>
      GRAPH_PATH.test(path) ||
      path.startsWith('/method/') ||
      path.startsWith('/vk-upload/') ||
      path.startsWith('/apple-mmcs-upload/') ||
      path === '/message' ||
      path === '/preUpload' ||
      path === '/preDownload',
    handlers: [
      control,
      whatsappApi,
      messengerAttachmentUpload,
      messengerApi,
      vkApi,
      vkUpload,
      appleApi,
      applePreUpload,
      appleUpload,
      applePreDownload,
      appleDownload,
      whatsappMedia,
      messengerMedia,
    ],
  });

  const sandbox = {
    /** Every API call received (sends, media lookups), with the answer's status. */
    requests: server.requests,
    /** Every webhook this stand-in delivered, with the receiver's answer. */
    deliveries,
    /** Fault injection: `down` (status for every call), `failNext`, `delayMs`. */
    faults: server.faults,
    sent,
    listen: (port?: number, host?: string) => server.listen(port, host),
    close: async () => {
      await sandbox.flush();
      await server.close();
    },
    get url() {
      return server.url;
    },
    /** How many API calls are being held right now (`hold()`). */
    get held() {
      return server.held;
    },
    /** Holds every API call unanswered until the returned function is called. */
    hold(): () => void {
      let release: () => void = () => {};
      server.faults.hold = new Promise<void>((resolve) => {
        release = () => {
          delete server.faults.hold;
          resolve();
        };
      });
      return release;
    },
    /** Moves the stand-in's clock (the messaging windows) forward. */
    advance(ms: number) {
      offsetMs += ms;
    },
    now,
    /** Waits for the webhooks the stand-in is sending by itself (statuses after a send). */
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** API calls that sent a message (not media lookups). */
    sends(platform?: 'whatsapp' | 'messenger' | 'vkontakte' | 'apple') {
      if (platform === 'vkontakte')
        return server.requests.filter((request) => request.path === '/method/messages.send');
      if (platform === 'apple') return server.requests.filter((request) => request.path === '/message');
      return server.requests.filter(
        (request) =>
          request.method === 'POST' &&
          request.path.endsWith('/messages') &&
          (platform === undefined ||
            (platform === 'whatsapp'
              ? whatsappAccounts.has(request.path.split('/')[2] ?? '')
              : !whatsappAccounts.has(request.path.split('/')[2] ?? ''))),
      );
    },
    /** Sends a raw webhook body again, signed as the platform signs it (retries, reordering). */
    redeliver(delivery: WebhookDelivery) {
      return postWebhook(delivery.url, delivery.raw, delivery.headers);
    },

    whatsapp: {
      addAccount(account: WhatsappSandboxAccount) {
        whatsappAccounts.set(account.phoneNumberId, account);
        if (account.businessAccountId && !templatesByWaba.has(account.businessAccountId))
          templatesByWaba.set(account.businessAccountId, []);
      },
      /** Replaces a WhatsApp Business Account's templates (as if created and reviewed in WhatsApp Manager). */
      setTemplates(businessAccountId: string, templates: SandboxTemplate[]) {
        templatesByWaba.set(
          businessAccountId,
          templates.map((template, index) => ({ ...template, id: String(9_000_000_000_000 + index) })),
        );
      },
      /** A client writes to the business: the documented `messages` webhook, signed. */
      async inbound(
        phoneNumberId: string,
        from: { waId: string; name?: string },
        content: WhatsappInbound,
        options: { id?: string } = {},
      ): Promise<WebhookDelivery> {
        const account = whatsappAccounts.get(phoneNumberId);
        if (!account) throw new Error(`No sandbox WhatsApp account ${phoneNumberId}`);
        const id = options.id ?? `wamid.${Buffer.from(randomId(16)).toString('base64url')}`;
        const timestamp = String(Math.floor(now() / 1000));
        const message: Record<string, unknown> = { from: from.waId, id, timestamp };
        const mediaPart = (item: SandboxMedia, extra: Record<string, unknown> = {}) => ({
          id: storeMedia(item, account.accessToken),
          mime_type: item.mimeType,
          sha256: createHash('sha256').update(item.bytes).digest('base64'),
          ...(item.fileName ? { filename: item.fileName } : {}),
          ...extra,
        });
        if ('text' in content) Object.assign(message, { type: 'text', text: { body: content.text } });
        else if ('image' in content)
          Object.assign(message, {
            type: 'image',
            image: mediaPart(content.image, content.caption ? { caption: content.caption } : {}),
          });
        else if ('document' in content)
          Object.assign(message, {
            type: 'document',
            document: mediaPart(content.document, content.caption ? { caption: content.caption } : {}),
          });
        else if ('audio' in content)
          Object.assign(message, { type: 'audio', audio: mediaPart(content.audio) });
        else if ('video' in content)
          Object.assign(message, {
            type: 'video',
            video: mediaPart(content.video, content.caption ? { caption: content.caption } : {}),
          });
        else if ('location' in content)
          Object.assign(message, { type: 'location', location: content.location });
        else if ('contacts' in content)
          Object.assign(message, {
            type: 'contacts',
            contacts: content.contacts.map((contact) => ({
              name: { formatted_name: contact.name, first_name: contact.name },
              phones: [{ phone: contact.phone, type: 'CELL' }],
            })),
          });
        else
          Object.assign(message, {
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: content.buttonReply },
          });
        lastInbound.set(`whatsapp:${phoneNumberId}:${from.waId}`, now());
        return deliver(account.webhookUrl, account.appSecret, id, {
          object: 'whatsapp_business_account',
          entry: [
            {
              id: `waba-${phoneNumberId}`,
              changes: [
                {
                  field: 'messages',
                  value: {
                    messaging_product: 'whatsapp',
                    metadata: {
                      display_phone_number: account.displayPhoneNumber ?? '15550000000',
                      phone_number_id: phoneNumberId,
                    },
                    contacts: [{ profile: { name: from.name ?? '' }, wa_id: from.waId }],
                    messages: [message],
                  },
                },
              ],
            },
          ],
        });
      },
      /** A status of a sent message: the documented `statuses` webhook. */
      async status(
        messageId: string,
        state: 'sent' | 'delivered' | 'read' | 'failed',
        error?: { code: number; title: string; message?: string; details?: string },
      ): Promise<WebhookDelivery> {
        const message = sent.get(messageId);
        const account = message ? whatsappAccounts.get(message.account) : undefined;
        if (!message || !account) throw new Error(`The sandbox sent no WhatsApp message ${messageId}`);
        return deliver(account.webhookUrl, account.appSecret, messageId, {
          object: 'whatsapp_business_account',
          entry: [
            {
              id: `waba-${account.phoneNumberId}`,
              changes: [
                {
                  field: 'messages',
                  value: {
                    messaging_product: 'whatsapp',
                    metadata: {
                      display_phone_number: account.displayPhoneNumber ?? '15550000000',
                      phone_number_id: account.phoneNumberId,
                    },
                    statuses: [
                      {
                        id: messageId,
                        status: state,
                        timestamp: String(Math.floor(now() / 1000)),
                        recipient_id: message.to,
                        ...(error
                          ? {
                              errors: [
                                {
                                  code: error.code,
                                  title: error.title,
                                  message: error.message ?? error.title,
                                  error_data: { details: error.details ?? error.title },
                                },
                              ],
                            }
                          : {}),
                      },
                    ],
                  },
                },
              ],
            },
          ],
        });
      },
    },

    messenger: {
      addAccount(account: MessengerSandboxAccount) {
        messengerAccounts.set(account.pageId, account);
      },
      async inbound(
        pageId: string,
        psid: string,
        content: MessengerInbound,
        options: { id?: string } = {},
      ): Promise<WebhookDelivery> {
        const account = messengerAccounts.get(pageId);
        if (!account) throw new Error(`No sandbox Messenger page ${pageId}`);
        const id = options.id ?? `m_${randomId(20)}`;
        const event: Record<string, unknown> = {
          sender: { id: psid },
          recipient: { id: pageId },
          timestamp: now(),
        };
        if ('text' in content) event.message = { mid: id, text: content.text };
        else if ('attachment' in content)
          event.message = {
            mid: id,
            attachments: [
              {
                type: content.attachment.type,
                payload: { url: `${server.url}/messenger-cdn/${storeMedia(content.attachment.media)}` },
              },
            ],
          };
        else event.postback = { mid: id, title: content.postback.title, payload: content.postback.payload };
        lastInbound.set(`messenger:${pageId}:${psid}`, now());
        return deliver(account.webhookUrl, account.appSecret, id, {
          object: 'page',
          entry: [{ id: pageId, time: now(), messaging: [event] }],
        });
      },
      async delivery(pageId: string, psid: string, mids: string[]): Promise<WebhookDelivery> {
        const account = messengerAccounts.get(pageId);
        if (!account) throw new Error(`No sandbox Messenger page ${pageId}`);
        return deliver(account.webhookUrl, account.appSecret, mids[0] ?? '', {
          object: 'page',
          entry: [
            {
              id: pageId,
              time: now(),
              messaging: [
                { sender: { id: psid }, recipient: { id: pageId }, delivery: { mids, watermark: now() } },
              ],
            },
          ],
        });
      },
      /** The person read everything up to now (a watermark). */
      async read(pageId: string, psid: string): Promise<WebhookDelivery> {
        const account = messengerAccounts.get(pageId);
        if (!account) throw new Error(`No sandbox Messenger page ${pageId}`);
        return deliver(account.webhookUrl, account.appSecret, `read-${now()}`, {
          object: 'page',
          entry: [
            {
              id: pageId,
              time: now(),
              messaging: [
                {
                  sender: { id: psid },
                  recipient: { id: pageId },
                  timestamp: now(),
                  read: { watermark: now() },
                },
              ],
            },
          ],
        });
      },
    },
    vkontakte: {
      addAccount(account: VkSandboxAccount) {
        vkAccounts.set(account.communityId, account);
      },
      /** Posts a Callback API event as VK does: JSON with the group id, event id, version and secret. */
      async event(
        communityId: string,
        type: string,
        object: Record<string, unknown>,
        options: { secret?: string } = {},
      ) {
        const account = vkAccounts.get(communityId);
        if (!account) throw new Error(`No sandbox VK community ${communityId}`);
        const body = Buffer.from(
          JSON.stringify({
            group_id: Number(communityId),
            type,
            event_id: randomId(20),
            v: '5.199',
            object,
            secret: options.secret ?? account.secretKey,
          }),
        );
        const headers = { 'content-type': 'application/json' };
        const result = await postWebhook(account.webhookUrl, body, headers);
        const delivery = {
          id: '',
          raw: body,
          headers,
          url: account.webhookUrl,
          ...result,
        };
        deliveries.push(delivery);
        return delivery;
      },
      /** The confirmation request VK sends when the callback URL is set: answers what the server said. */
      async confirm(communityId: string) {
        const account = vkAccounts.get(communityId);
        if (!account) throw new Error(`No sandbox VK community ${communityId}`);
        return postWebhook(
          account.webhookUrl,
          Buffer.from(JSON.stringify({ type: 'confirmation', group_id: Number(communityId) })),
          { 'content-type': 'application/json' },
        );
      },
      /** A user writes to the community: `message_new`. */
      async inbound(
        communityId: string,
        userId: string,
        content: { text: string } | { photo: SandboxMedia },
        options: { id?: number } = {},
      ) {
        vkMessageId += 1;
        const id = options.id ?? vkMessageId;
        lastInbound.set(`vkontakte:${communityId}:${userId}`, now());
        const attachments =
          'photo' in content
            ? [
                {
                  type: 'photo',
                  photo: {
                    id: id,
                    sizes: [
                      {
                        type: 's',
                        width: 75,
                        height: 75,
                        url: `${server.url}/messenger-cdn/${storeMedia(content.photo)}`,
                      },
                      {
                        type: 'x',
                        width: 604,
                        height: 604,
                        url: `${server.url}/messenger-cdn/${storeMedia(content.photo)}`,
                      },
                    ],
                  },
                },
              ]
            : [];
        const delivery = await sandbox.vkontakte.event(communityId, 'message_new', {
          message: {
            id,
            date: Math.floor(now() / 1000),
            peer_id: Number(userId),
            from_id: Number(userId),
            text: 'text' in content ? content.text : '',
            attachments,
            conversation_message_id: id,
          },
          client_info: {
            button_actions: ['text'],
            keyboard: true,
            inline_keyboard: true,
            carousel: true,
            lang_id: 0,
          },
        });
        return { ...delivery, id: String(id) };
      },
      /** A document or photo the community saved (`doc-1_2`, `photo-1_3`): the bytes VK received. */
      saved(attachment: string) {
        return vkSaved.get(attachment);
      },
      /** The user stops allowing the community's messages (messages.send then answers 901). */
      forbid(communityId: string, userId: string) {
        lastInbound.delete(`vkontakte:${communityId}:${userId}`);
      },
      /** The user read the community's messages up to this id: `message_read`. */
      async read(communityId: string, userId: string, upToMessageId: string) {
        return sandbox.vkontakte.event(communityId, 'message_read', {
          from_id: Number(userId),
          peer_id: Number(userId),
          read_message_id: Number(upToMessageId),
          conversation_message_id: Number(upToMessageId),
        });
      },
    },
    apple: {
      addAccount(account: AppleSandboxAccount) {
        appleAccounts.set(account.businessId, account);
      },
      /** The attachments of a message the business sent, decrypted with the keys the message gave. */
      received(messageId: string) {
        return appleReceived.get(messageId);
      },
      /** A customer writes: the message POSTed as the MSP API delivers it (JWT, headers, gzip JSON). */
      async inbound(
        businessId: string,
        opaqueId: string,
        text: string,
        options: {
          id?: string;
          token?: string;
          attachment?: SandboxMedia & { fileName: string };
          /** Several attachments in one message (with `attachment`, it comes first). */
          attachments?: (SandboxMedia & { fileName: string })[];
        } = {},
      ) {
        const account = appleAccounts.get(businessId);
        if (!account) throw new Error(`No sandbox Apple business ${businessId}`);
        const id = options.id ?? randomUUID();
        // Each attachment is encrypted (AES-256-CTR, a fresh key, zero IV) and kept at the file service;
        // the message carries what the pre-download call and the decryption need.
        const files = [...(options.attachment ? [options.attachment] : []), ...(options.attachments ?? [])];
        let attachments: Record<string, unknown>[] | undefined;
        if (files.length > 0) {
          attachments = files.map((item) => {
            const key = randomBytes(32);
            const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
            const encrypted = Buffer.concat([cipher.update(item.bytes), cipher.final()]);
            const signature = randomBytes(21);
            const mediaId = storeMedia({ bytes: encrypted, mimeType: 'application/octet-stream' });
            const file = {
              url: `${server.url}/apple-mmcs/${mediaId}`,
              owner: `owner-${randomId(6)}`,
              signature: signature.toString('hex'),
              mediaId,
              businessId,
            };
            appleFiles.set(file.url, file);
            return {
              name: item.fileName,
              mimeType: item.mimeType,
              size: encrypted.length,
              'signature-base64': signature.toString('base64'),
              url: file.url,
              owner: file.owner,
              key: `00${key.toString('hex')}`,
            };
          });
        }
        lastInbound.set(`apple:${businessId}:${opaqueId}`, now());
        const raw = gzipSync(
          JSON.stringify({
            v: 1,
            type: 'text',
            id,
            sourceId: opaqueId,
            destinationId: businessId,
            body: text,
            ...(attachments ? { attachments } : {}),
          }),
        );
        const headers = {
          authorization: `Bearer ${options.token ?? appleToken(account)}`,
          id,
          'source-id': opaqueId,
          'destination-id': businessId,
          'device-agent': 'iPhone15,2/17.0',
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        };
        const result = await postWebhook(account.webhookUrl, raw, headers);
        const delivery = { id, raw, headers, url: account.webhookUrl, ...result };
        deliveries.push(delivery);
        return delivery;
      },
    },
  };
  return sandbox;
}

export type ChannelsSandbox = ReturnType<typeof channelsSandbox>;
