import type { paths } from './api-types.generated';

/**
 * Types of the wire contract, read from the generated OpenAPI types (api-types.generated.ts, made by
 * `npm run api:types` from docs/openapi.json and drift-checked in CI) — never written by hand.
 */
type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

type Operation<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method];

/** The JSON a route answers with `Status` (200 unless named). */
export type ApiResponse<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number = 200,
> =
  Operation<Path, Method> extends { responses: infer Responses }
    ? Status extends keyof Responses
      ? JsonOf<Responses[Status]>
      : never
    : never;

/** The JSON body a route takes. */
export type ApiRequestBody<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { requestBody?: infer Body } ? JsonOf<NonNullable<Body>> : never;
