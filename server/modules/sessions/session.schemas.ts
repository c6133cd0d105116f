import { z } from 'zod';
import { columnTypes, filterKinds, staticColumns } from '../../../common/columns';
import { deliveryStates } from '../../../common/domain';
import { isoDate, isoDateOrNull } from '../../platform/http/schemas';

/** Request and response shapes of the sessions API; they also generate its OpenAPI document. */

const named = z.object({ id: z.string(), name: z.string() });

export const columnSchema = z.object({
  id: z.string(),
  label: z.object({ cs: z.string(), en: z.string() }),
  type: z.enum(columnTypes),
  filter: z.enum(filterKinds),
  sortable: z.boolean(),
  defaultVisible: z.boolean(),
});

export const snippetSchema = z.array(z.object({ text: z.string(), hit: z.boolean() }));

export const itemSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  status: z.string(),
  channel: z.string(),
  source: z.string(),
  createdAt: isoDate,
  acceptedAt: isoDateOrNull,
  endedAt: isoDateOrNull,
  waitingTime: z.number().nullable().describe('seconds; live sessions: up to now'),
  duration: z.number().nullable().describe('seconds; live sessions: up to now'),
  operator: z.array(named).describe('everyone who took part'),
  group: named.nullable(),
  chatbot: named.nullable(),
  endReason: z.string().nullable(),
  clientLeft: z.string().nullable(),
  pageUrl: z.string().nullable(),
  widget: named.nullable(),
  clientName: z.string().nullable(),
  clientEmail: z.string().nullable(),
  clientPhone: z.string().nullable(),
  clientIp: z.string().nullable(),
  language: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  tags: z.array(z.string()),
  rating: z.number().nullable(),
  feedback: z.string().nullable(),
  messageCount: z.number(),
  hasRecording: z.boolean(),
  banned: z.boolean(),
  restoredFrom: z.string().nullable().describe('the ended session this one was restored from'),
  restoredAs: z.string().nullable().describe('the newest session this one was restored as'),
  params: z.record(z.string(), z.string()),
  match: z
    .object({ activityId: z.string().nullable(), snippet: snippetSchema })
    .optional()
    .describe('with q=: the first matching activity and a snippet with the hits marked'),
});

const queryValue = z.union([z.string(), z.array(z.string())]);

/** Every per-column filter parameter, listed so the OpenAPI document shows them. */
function filterParameters(): Record<string, z.ZodOptional<typeof queryValue>> {
  const shape: Record<string, z.ZodOptional<typeof queryValue>> = {};
  for (const column of staticColumns) {
    const describe = (text: string) => queryValue.optional().describe(text);
    if (column.filter === 'values') {
      shape[column.id] = describe(
        `${column.label.en}: comma-separated values (any of); "(empty)" = no value`,
      );
    } else if (column.filter === 'range') {
      const unit =
        column.type === 'datetime' ? 'ISO 8601 date-time' : column.type === 'duration' ? 'seconds' : 'number';
      shape[`${column.id}.min`] = describe(`${column.label.en} at least (${unit})`);
      shape[`${column.id}.max`] = describe(`${column.label.en} at most (${unit})`);
    } else if (column.filter === 'text') {
      shape[column.id] = describe(`${column.label.en} equals`);
      shape[`${column.id}.contains`] = describe(`${column.label.en} contains (case-insensitive)`);
      shape[`${column.id}.empty`] = describe(`${column.label.en} is empty: true or false`);
    }
  }
  return shape;
}

const filters = filterParameters();

export const listQuerySchema = z
  .object({
    view: z.enum(['history', 'live']).default('history'),
    q: z
      .string()
      .max(10_000)
      .optional()
      .describe('content search: words (roots, prefixes), "quoted phrases"'),
    sort: z.string().max(300).default('-createdAt').describe('<columnId> or -<columnId>'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(4000).optional().describe('nextCursor of the previous page'),
    ...filters,
  })
  .catchall(queryValue)
  .describe('Also param.<name>=v1,v2, param.<name>.contains=, param.<name>.empty=true|false');

export const countQuerySchema = z
  .object({
    view: z.enum(['history', 'live']).default('history'),
    q: z.string().max(10_000).optional().describe('content search, as for the list'),
    ...filters,
  })
  .catchall(queryValue)
  .describe("The list's filters: param.<name>=v1,v2, param.<name>.contains=, param.<name>.empty=true|false");

export const countResponseSchema = z.object({
  total: z.number(),
  totalIsEstimate: z
    .boolean()
    .describe(
      'true: counting took too long; total is an estimate of this query from a sample of the sessions',
    ),
});

export const facetQuerySchema = z
  .object({
    view: z.enum(['history', 'live']).default('history'),
    q: z.string().max(10_000).optional(),
    search: z
      .string()
      .max(200)
      .optional()
      .describe('substring of the label, case- and diacritics-insensitive'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    exact: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true: count exactly however long it takes, never estimate (countsAreEstimates is false)'),
    ...filters,
  })
  .catchall(queryValue);

export const listResponseSchema = z.object({
  items: z.array(itemSchema),
  nextCursor: z.string().nullable(),
  total: z
    .number()
    .describe(
      "How many sessions the list holds. A page read with a cursor (History) gives the first page's total, as the list was when paging began; a new first page counts again",
    ),
  totalIsEstimate: z
    .boolean()
    .describe(
      'true: total is an estimate of this query (never below what is known to match); GET /sessions/count counts it exactly',
    ),
  suggestions: z
    .array(z.string())
    .describe(
      'with q= finding nothing or very little: whole queries with an unknown word replaced by a similar word of ' +
        'the tenant\'s transcripts that finds more ("did you mean"); never searched unless asked',
    ),
});

export const facetResponseSchema = z.object({
  values: z.array(z.object({ value: z.string(), label: z.string(), count: z.number() })),
  truncated: z.boolean(),
  countsAreEstimates: z
    .boolean()
    .describe(
      'true: under a content search or a filter the facet index cannot apply, counting took too long; ' +
        'each count is an estimate (two significant digits) from a sample of the sessions, values the ' +
        'sample missed are absent, and the same request with exact=true counts exactly',
    ),
});

export const detailSchema = itemSchema.omit({ match: true }).extend({
  client: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    ip: z.string().nullable(),
    language: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    visitorId: z.string().nullable(),
    contactId: z.string().nullable(),
  }),
  result: z.string().nullable(),
  participants: z.array(
    z.object({
      kind: z.enum(['operator', 'chatbot']),
      id: z.string(),
      name: z.string(),
      joinedAt: isoDate,
      leftAt: isoDateOrNull,
    }),
  ),
  restoredInto: z.array(z.string()),
  /** The tenant records audio/video or phone sessions: the Recordings tab is shown. */
  recordingsShown: z.boolean(),
});

export const activitySchema = z.object({
  id: z.string(),
  at: isoDate,
  sender: z.string(),
  type: z.string(),
  text: z.string().nullable(),
  senderName: z.string().nullable(),
  file: z
    .object({
      name: z.string(),
      size: z.number().nullable(),
      mimeType: z.string().nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  systemCode: z.string().nullable(),
  systemData: z.unknown(),
  delivery: z
    .object({
      state: z.enum(deliveryStates),
      reason: z.string().nullable().describe("the platform's reason when failed"),
      errorCode: z.string().nullable().describe("the platform's error code when failed"),
      updatedAt: isoDate,
    })
    .nullable()
    .describe(
      'an outbound line of a messaging session: pending, sent, delivered, read or failed (with the reason); null otherwise',
    ),
});

export const transcriptQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  around: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be a numeric activity id')
    .optional()
    .describe('return the page that contains this activity (open the transcript at a search hit)'),
});

export const transcriptResponseSchema = z.object({
  items: z.array(activitySchema),
  nextCursor: z.string().nullable().describe('the following activities'),
  prevCursor: z
    .string()
    .nullable()
    .describe('the preceding activities (when the page does not start at the beginning)'),
});
