import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/harness';
import { withConnection } from './connection';
import { copyOut, inlineParameters } from './copy-out';

/** COPY takes no bind parameters; inlined literals must mean exactly what the bound ones meant. */
const { services } = await useTestApp();

/** Values and the type the query gives them (a bound parameter's type comes from its context too). */
const values: [unknown, string][] = [
  ["it's", 'text'],
  ["back\\slash and \\' quote", 'text'],
  ['$1 and $$ and $tag$', 'text'],
  ['-- not a comment', 'text'],
  ['řádek\nnový\r\n\t', 'text'],
  ['\u202Eevil\u202C', 'text'],
  ['😀', 'text'],
  ['', 'text'],
  [null, 'text'],
  [42, 'bigint'],
  [-1.5, 'numeric'],
  [true, 'boolean'],
  [false, 'boolean'],
  [new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), 'timestamptz'],
  [['a', 'b"c', "d'e", null, 'f\\g', '', 'NULL', '{x}'], 'text[]'],
  [[1, 2, 3], 'bigint[]'],
  [{ json: "it's", nested: [1, '$2'] }, 'jsonb'],
];

describe('parameters written into COPY', () => {
  it('mean what the same parameters mean when bound', async () => {
    for (const [value, type] of values) {
      const query = sql`SELECT ${value}::${sql.raw(type)} AS v`.compile(services.db);
      const bound = await services.db.executeQuery<{ v: unknown }>(query);
      const inlined = await sql.raw<{ v: unknown }>(inlineParameters(query)).execute(services.db);
      expect(inlined.rows, JSON.stringify(value)).toEqual(bound.rows);
    }
  });

  it('are replaced only outside quoted text, identifiers, dollar quotes and comments', () => {
    const text = inlineParameters({
      sql: `SELECT '$1', E'\\'$1', "$1", $q$ $1 $q$, $$ $1 $$ -- $1\n, $1 /* $2 */, $2`,
      parameters: ["o'k", 7],
    });
    expect(text).toBe(`SELECT '$1', E'\\'$1', "$1", $q$ $1 $q$, $$ $1 $$ -- $1\n, 'o''k' /* $2 */, '7'`);
    expect(() => inlineParameters({ sql: 'SELECT $3', parameters: [1] })).toThrow(/\$3/);
  });

  it('stream out of COPY with typed arrays as bound ones would', async () => {
    const query =
      sql`SELECT x FROM unnest(${['b', "it's", 'a']}::text[]) AS x WHERE x <> ${'a'} ORDER BY x`.compile(
        services.db,
      );
    const out = await withConnection(services.db, async ({ client }) => {
      const chunks: Buffer[] = [];
      for await (const chunk of copyOut(client, query, '(FORMAT csv)')) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString();
    });
    expect(out).toBe("b\nit's\n");
  });
});
