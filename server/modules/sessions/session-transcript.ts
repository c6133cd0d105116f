import { z } from 'zod';
import type { DeliveryState } from '../../../common/domain';
import type { LabelLanguage } from '../../../common/labels';
import { activityText } from '../../../common/system-messages';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { invalid, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.repository';
import { isValidTimestamp } from './session-filters';
import type { SessionRepository } from './session.repository';

/**
 * A session's transcript, a page at a time: forwards or backwards from an opaque cursor, or around one
 * activity (a search hit, with a little context before it). Viewing it is audited.
 */

const transcriptCursorSchema = z.object({
  d: z.enum(['after', 'before']),
  at: z.string().max(40),
  id: z.string().regex(/^[1-9]\d{0,17}$/),
});
type TranscriptCursor = z.infer<typeof transcriptCursorSchema>;

const encodeTranscriptCursor = (cursor: TranscriptCursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeTranscriptCursor(raw: string): TranscriptCursor {
  const bad = () => invalid('cursor: not a cursor of this transcript.', { parameter: 'cursor' });
  try {
    const parsed = transcriptCursorSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')),
    );
    if (
      !parsed.success ||
      !isValidTimestamp(parsed.data.at) ||
      !/[Z+-]\d{0,2}:?\d{0,2}$/.test(parsed.data.at)
    ) {
      throw bad();
    }
    return parsed.data;
  } catch {
    throw bad();
  }
}

export interface TranscriptOptions {
  limit: number;
  cursor?: string | undefined;
  /** An activity to open the page at (a search hit). */
  around?: string | undefined;
}

/** A page of the transcript of a session the caller may see (the caller checked); audited. */
export async function readTranscript(
  db: Database,
  repo: Pick<SessionRepository, 'activities' | 'activityPosition'>,
  principal: Principal,
  sessionId: string,
  options: TranscriptOptions,
  /** The reader's language: engine-written system messages are worded in it. */
  lang: LabelLanguage,
) {
  const { tenantId } = principal;
  let rows: Awaited<ReturnType<typeof repo.activities>>;
  let hasBefore = false;
  let hasAfter = false;
  if (options.around) {
    const position = await repo.activityPosition(tenantId, sessionId, options.around);
    if (!position) throw notFound(`Activity ${options.around} in session ${sessionId}`);
    // A few activities of context before the hit, then the rest of the page from the hit on.
    const contextSize = Math.min(5, Math.floor(options.limit / 4));
    const before = await repo.activities(tenantId, sessionId, { limit: contextSize, before: position });
    const context = before.slice(0, contextSize).reverse();
    hasBefore = before.length > contextSize;
    const previous = before[0];
    const rest = options.limit - context.length;
    const from = await repo.activities(tenantId, sessionId, {
      limit: rest,
      ...(previous ? { after: { at: previous.at_text, id: previous.id } } : {}),
    });
    hasAfter = from.length > rest;
    rows = [...context, ...from.slice(0, rest)];
  } else {
    const cursor = options.cursor ? decodeTranscriptCursor(options.cursor) : undefined;
    if (cursor?.d === 'before') {
      const fetched = await repo.activities(tenantId, sessionId, {
        limit: options.limit,
        before: cursor,
      });
      hasBefore = fetched.length > options.limit;
      rows = fetched.slice(0, options.limit).reverse();
      hasAfter = true;
    } else {
      const fetched = await repo.activities(tenantId, sessionId, {
        limit: options.limit,
        ...(cursor ? { after: cursor } : {}),
      });
      hasAfter = fetched.length > options.limit;
      rows = fetched.slice(0, options.limit);
      hasBefore = cursor !== undefined;
    }
  }
  await recordAudit(db, principal, {
    action: 'transcript.view',
    objectType: 'session',
    objectId: sessionId,
    data: options.around ? { around: options.around } : {},
  });
  const first = rows[0];
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at,
      sender: row.sender,
      type: row.type,
      text: activityText({ text: row.text, systemCode: row.system_code, systemData: row.system_data }, lang),
      senderName: row.sender_name,
      file:
        row.file_name === null
          ? null
          : {
              name: row.file_name,
              size: row.file_size === null ? null : Number(row.file_size),
              mimeType: row.file_mime_type,
              url: row.file_object_key === null ? null : `/api/v1/sessions/${sessionId}/files/${row.id}`,
            },
      systemCode: row.system_code,
      systemData: row.system_data ?? null,
      delivery:
        row.delivery_state === null || row.delivery_updated_at === null
          ? null
          : {
              state: row.delivery_state as DeliveryState,
              reason: row.delivery_reason,
              errorCode: row.delivery_error_code,
              updatedAt: row.delivery_updated_at,
            },
    })),
    nextCursor:
      hasAfter && last ? encodeTranscriptCursor({ d: 'after', at: last.at_text, id: last.id }) : null,
    prevCursor:
      hasBefore && first ? encodeTranscriptCursor({ d: 'before', at: first.at_text, id: first.id }) : null,
  };
}
