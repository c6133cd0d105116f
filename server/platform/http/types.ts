import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access, Principal } from '../auth/principal';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** An /api/v1 route and who may call it; the access tests walk this list. */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** `websocket`: upgrades to a WebSocket; `stream`: an open-ended response (Server-Sent Events). */
  transport: 'http' | 'websocket' | 'stream';
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: readonly ApiRoute[];
  }
  interface FastifyContextConfig {
    /** Who may call the route. Every /api route must say; the app refuses to start otherwise. */
    access?: Access;
    /** The response stays open (Server-Sent Events); tests read its head and hang up. */
    stream?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
