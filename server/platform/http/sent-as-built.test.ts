import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isoDate } from './schemas';
import { responseSerializer, sentAsBuilt } from './sent-as-built';

/**
 * A response marked `sentAsBuilt` skips the parse against its schema in production only; elsewhere the
 * parse must give exactly the response as built, so the tests of a marked route prove the skip changes
 * nothing. Every other response is sent as its schema outputs it.
 */
describe('responses sent as built', () => {
  const item = z.object({ id: z.string(), at: isoDate, tags: z.array(z.string()) });
  const pageOf = () => z.object({ items: z.array(item), total: z.number() });
  // The mark is the schema object's: the unmarked route has a schema of its own.
  const page = pageOf();
  const at = new Date(Date.UTC(2026, 11, 3, 9, 30));
  const wire = { items: [{ id: '1', at, tags: ['vip'] }], total: 1 };
  const withExtra = { items: [{ id: '1', at, tags: ['vip'], secret: 'x' }], total: 1 };

  async function appOf(trustBuilt: boolean) {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(responseSerializer({ trustBuilt }));
    const marked = sentAsBuilt(pageOf());
    app.get('/built', { schema: { response: { 200: marked } } }, async () => wire);
    app.get('/extra', { schema: { response: { 200: marked } } }, async () => withExtra as never);
    app.get('/plain', { schema: { response: { 200: page } } }, async () => withExtra as never);
    await app.ready();
    return app;
  }
  const body = async (app: Awaited<ReturnType<typeof appOf>>, url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.body };
  };
  const expected = JSON.stringify({
    items: [{ id: '1', at: '2026-12-03T09:30:00.000Z', tags: ['vip'] }],
    total: 1,
  });

  it('sends a response built in its wire form the same with the parse and without it', async () => {
    for (const trustBuilt of [false, true]) {
      const app = await appOf(trustBuilt);
      expect(await body(app, '/built')).toEqual({ status: 200, body: expected });
      await app.close();
    }
  });

  it('refuses, outside production, a marked response its schema would change', async () => {
    const app = await appOf(false);
    const refused = await body(app, '/extra');
    expect(refused.status).toBe(500);
    expect(refused.body).not.toContain('secret');
    // Not marked: parsed and sent as the schema outputs it.
    expect(await body(app, '/plain')).toEqual({ status: 200, body: expected });
    await app.close();
  });

  it('stringifies a marked response as built in production, and still parses every other one', async () => {
    const app = await appOf(true);
    expect((await body(app, '/extra')).body).toContain('"secret":"x"');
    expect(await body(app, '/plain')).toEqual({ status: 200, body: expected });
    await app.close();
  });
});
