import { z } from 'zod';
import { ANY_ROLE } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams, idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import type { Services } from '../../services';

const noteSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  text: z.string(),
  author: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: isoDate,
  updatedAt: isoDateOrNull,
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
const noteBody = z.object({ text: z.string().trim().min(1).max(20_000) });
const noteParams = z.object({ id: idSchema, noteId: idSchema });

export function noteRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/:id/notes',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['notes'],
        summary: "A session's notes, oldest first, with what the caller may do to each",
        params: idParams,
        response: { 200: z.object({ items: z.array(noteSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.notes.list(principalOf(request), request.params.id) }),
  );

  app.post(
    '/api/v1/sessions/:id/notes',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 128 * 1024,
      schema: {
        tags: ['notes'],
        summary: 'Add a note to a session (audited)',
        params: idParams,
        body: noteBody,
        response: { 201: noteSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.notes.create(principalOf(request), request.params.id, request.body.text)),
  );

  app.patch(
    '/api/v1/sessions/:id/notes/:noteId',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 128 * 1024,
      schema: {
        tags: ['notes'],
        summary: 'Edit your own note (audited)',
        params: noteParams,
        body: noteBody,
        response: { 200: noteSchema, ...errorResponses },
      },
    },
    async (request) =>
      services.notes.update(
        principalOf(request),
        request.params.id,
        request.params.noteId,
        request.body.text,
      ),
  );

  app.delete(
    '/api/v1/sessions/:id/notes/:noteId',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['notes'],
        summary: 'Delete your own note; admins may delete any (audited)',
        params: noteParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.notes.remove(principalOf(request), request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );
}
