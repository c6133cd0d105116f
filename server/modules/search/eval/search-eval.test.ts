import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, type TestTenant } from '../../../test/factories';
import { useTestApp } from '../../../test/harness';
import { evalSessions } from './eval-sessions';
import {
  czechFamilies,
  englishFamilies,
  handQueries,
  typoSuggestions,
  type WordFamily,
} from './eval-queries';

/**
 * The search evaluation: the fixture is imported into a fresh tenant through the import API, every
 * query runs through the sessions API, and recall and precision (micro-averaged over all queries) must
 * not fall below the numbers recorded in docs/search.md.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const tokens = (text: string): string[] => (text.toLowerCase().match(WORD) ?? []).map((token) => token);
const unaccent = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '');

const sessionTokens = new Map(
  evalSessions.map((session) => [session.name, tokens(session.lines.join('\n'))]),
);
const families = new Map([...czechFamilies, ...englishFamilies].map((family) => [family.lemma, family]));

const holding = (family: WordFamily): Set<string> =>
  new Set(
    evalSessions
      .filter((session) => sessionTokens.get(session.name)?.some((token) => family.forms.includes(token)))
      .map((session) => session.name),
  );

function phraseSessions(phrase: string): Set<string> {
  const wanted = tokens(unaccent(phrase));
  return new Set(
    evalSessions
      .filter((session) => {
        const words = (sessionTokens.get(session.name) ?? []).map(unaccent);
        return words.some((_, at) => wanted.every((word, offset) => words[at + offset] === word));
      })
      .map((session) => session.name),
  );
}

interface EvalQuery {
  category: string;
  q: string;
  expect: Set<string>;
}

function allQueries(): EvalQuery[] {
  const queries: EvalQuery[] = [];
  for (const [category, list] of [
    ['czech word forms', czechFamilies],
    ['english word forms', englishFamilies],
  ] as const) {
    for (const family of list) {
      const expected = holding(family);
      for (const form of new Set(family.forms.flatMap((form) => [form, unaccent(form)]))) {
        queries.push({ category, q: form, expect: expected });
      }
    }
  }
  for (const query of handQueries) {
    switch (query.kind) {
      case 'sessions':
        queries.push({
          category: 'names, numbers, addresses, typos',
          q: query.q,
          expect: new Set(query.expect),
        });
        break;
      case 'families': {
        const sets = query.lemmas.map((lemma) => holding(families.get(lemma) as WordFamily));
        const both = [...(sets[0] ?? [])].filter((name) => sets.every((set) => set.has(name)));
        queries.push({ category: 'several words', q: query.q, expect: new Set(both) });
        break;
      }
      case 'phrase':
        queries.push({ category: 'phrases', q: query.q, expect: phraseSessions(query.q) });
        break;
    }
  }
  return queries;
}

/** The minimum recall and precision recorded in docs/search.md (`minimum recall: **0.97**`). */
function recordedThresholds(): { recall: number; precision: number } {
  const doc = fs.readFileSync(path.join(import.meta.dirname, '../../../../docs/search.md'), 'utf8');
  const read = (name: string): number => {
    const match = new RegExp(`minimum ${name}: \\*\\*([0-9.]+)\\*\\*`).exec(doc);
    if (!match?.[1]) throw new Error(`docs/search.md records no minimum ${name}`);
    return Number(match[1]);
  };
  return { recall: read('recall'), precision: read('precision') };
}

describe('the search evaluation set', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(services);
    const day = Date.UTC(2025, 2, 1, 8);
    const lines = evalSessions.map((session, index) => {
      const start = day + index * 3_600_000;
      const at = (offset: number) => new Date(start + offset * 60_000).toISOString();
      return JSON.stringify({
        externalId: session.name,
        channel: session.channel,
        source: session.channel === 'phone' ? 'incoming_call' : 'widget',
        status: 'closed',
        createdAt: at(0),
        endedAt: at(session.lines.length + 1),
        operators: [{ email: 'eva@eshop.example', name: 'Eva Operátorka' }],
        activities: session.lines.map((line, position) =>
          line.startsWith('file:')
            ? { at: at(position + 1), from: 'client', type: 'file', file: { name: line.slice(5) } }
            : position % 2 === 0
              ? { at: at(position + 1), from: 'client', type: 'message', text: line }
              : {
                  at: at(position + 1),
                  from: 'operator',
                  operator: 'eva@eshop.example',
                  type: 'message',
                  text: line,
                },
        ),
      });
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(tenant.admin), 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ rejected: number }>().rejected, response.body).toBe(0);
  });

  const search = async (q: string): Promise<Set<string>> => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query: { q, limit: '200' },
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    return new Set(response.json<{ items: { externalId: string }[] }>().items.map((item) => item.externalId));
  };

  it('finds what it must and little else, at the recall and precision recorded in docs/search.md', async () => {
    const queries = allQueries();
    expect(queries.length).toBeGreaterThanOrEqual(250);
    const byCategory = new Map<string, { tp: number; fp: number; fn: number; queries: number }>();
    const misses: string[] = [];
    for (const query of queries) {
      const found = await search(query.q);
      const tp = [...found].filter((name) => query.expect.has(name)).length;
      const fp = found.size - tp;
      const fn = query.expect.size - tp;
      const stats = byCategory.get(query.category) ?? { tp: 0, fp: 0, fn: 0, queries: 0 };
      byCategory.set(query.category, {
        tp: stats.tp + tp,
        fp: stats.fp + fp,
        fn: stats.fn + fn,
        queries: stats.queries + 1,
      });
      if (fp > 0 || fn > 0) {
        const extra = [...found].filter((name) => !query.expect.has(name));
        const missed = [...query.expect].filter((name) => !found.has(name));
        misses.push(`${query.q}: missed [${missed.join(', ')}], extra [${extra.join(', ')}]`);
      }
    }
    const total = [...byCategory.values()].reduce(
      (sum, stats) => ({ tp: sum.tp + stats.tp, fp: sum.fp + stats.fp, fn: sum.fn + stats.fn }),
      { tp: 0, fp: 0, fn: 0 },
    );
    const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
    const recall = ratio(total.tp, total.tp + total.fn);
    const precision = ratio(total.tp, total.tp + total.fp);
    const report = [
      `search evaluation: ${queries.length} queries over ${evalSessions.length} sessions`,
      ...[...byCategory].map(
        ([category, stats]) =>
          `  ${category.padEnd(34)} ${String(stats.queries).padStart(4)} queries  recall ${ratio(stats.tp, stats.tp + stats.fn).toFixed(3)}  precision ${ratio(stats.tp, stats.tp + stats.fp).toFixed(3)}`,
      ),
      `  ${'all'.padEnd(34)} ${String(queries.length).padStart(4)} queries  recall ${recall.toFixed(3)}  precision ${precision.toFixed(3)}`,
      'queries not answered exactly:',
      ...misses.map((miss) => `  ${miss}`),
    ].join('\n');
    console.log(report);
    const minimum = recordedThresholds();
    expect(recall, report).toBeGreaterThanOrEqual(minimum.recall);
    expect(precision, report).toBeGreaterThanOrEqual(minimum.precision);
  });

  it.each(typoSuggestions)(
    'offers "$suggestion" for the typo "$q", without searching it',
    async ({ q, suggestion }) => {
      // The first suggestion must find what the intended word finds (zásilek or zásilka: the same search).
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/sessions',
        query: { q },
        headers: bearer(tenant.admin),
      });
      const body = response.json<{ items: unknown[]; suggestions: string[] }>();
      expect(body.items).toEqual([]);
      expect(body.suggestions.length).toBeGreaterThan(0);
      expect([...(await search(body.suggestions[0] ?? ''))].sort()).toEqual(
        [...(await search(suggestion))].sort(),
      );
    },
  );
});
