/* Generated from docs/openapi.json by `npm run api:types` (openapi-typescript); do not edit. */

export interface paths {
  '/api/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant's API keys (never their secrets) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** Format: date-time */
                createdAt: string;
                createdBy: {
                  id: string;
                  name: string;
                } | null;
                id: string;
                lastUsedAt: string | null;
                name: string;
                revokedAt: string | null;
                /** @enum {string} */
                role: 'admin' | 'supervisor' | 'operator' | 'media';
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Create an API key; the response is the only time its secret is shown */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @enum {string} */
            role: 'admin' | 'supervisor' | 'operator' | 'media';
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              key: string;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'supervisor' | 'operator' | 'media';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key; it stops working at once */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              /** Format: date-time */
              revokedAt: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Audit events newest first, filtered by actor, action, object and time, paged by keyset
     * @description Every audited event: sign-ins (and failed ones of known accounts), views of transcripts, exports and downloads, redirects, notes, settings and people changes, API keys. `nextCursor` fetches the next page.
     */
    get: {
      parameters: {
        query?: {
          /** @description comma-separated actions, exact (`user.update`) or by prefix (`user.*`) */
          action?: string;
          /** @description the acting user id */
          actor?: string;
          /** @description the acting API key id */
          apiKey?: string;
          /** @description the previous page's nextCursor */
          cursor?: string;
          /** @description from this time (inclusive), ISO 8601 with an offset */
          from?: string;
          limit?: number;
          objectId?: string;
          objectType?: string;
          /** @description before this time (exclusive), ISO 8601 with an offset */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                action: string;
                actor: {
                  id: string | null;
                  /** @enum {string} */
                  kind: 'user' | 'api_key' | 'system';
                  name: string | null;
                };
                /** Format: date-time */
                at: string;
                data: {
                  [key: string]: unknown;
                };
                id: string;
                ip: string | null;
                objectId: string | null;
                objectType: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-events/actions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The actions that occur in the tenant's audit log, for the action filter */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: string[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-events/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The filtered audit log as CSV for Excel (UTF-8 with BOM, CRLF; audited)
     * @description Times in the tenant's time zone; text starting with = + - @ tab or CR gets a leading ' so it never runs as a formula.
     */
    get: {
      parameters: {
        query?: {
          /** @description comma-separated actions, exact (`user.update`) or by prefix (`user.*`) */
          action?: string;
          /** @description the acting user id */
          actor?: string;
          /** @description the acting API key id */
          apiKey?: string;
          /** @description from this time (inclusive), ISO 8601 with an offset */
          from?: string;
          lang?: 'cs' | 'en';
          objectId?: string;
          objectType?: string;
          /** @description default: the tenant's setting */
          separator?: 'semicolon' | 'comma';
          /** @description before this time (exclusive), ISO 8601 with an offset */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the CSV file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with a password; sets the HttpOnly login cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            password: string;
            /** @description The workspace (tenant slug) */
            tenant: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              csrfToken: string;
              tenant: {
                id: string;
                name: string;
                slug: string;
              };
              user: {
                email: string | null;
                id: string | null;
                name: string;
                /** @enum {string} */
                role: 'admin' | 'supervisor' | 'operator';
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: ends the login session and clears the cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Blacklist: bans newest first, filtered, keyset paged */
    get: {
      parameters: {
        query?: {
          /** @description true: applying now; false: lifted or expired */
          active?: 'true' | 'false';
          channel?: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
          /** @description the user who banned */
          createdBy?: string;
          /** @description the previous page's nextCursor */
          cursor?: string;
          /** @description banned at or after this time */
          from?: string;
          /** @description part of an identity (case-insensitive); an IP address also finds the subnets containing it */
          identity?: string;
          limit?: number;
          /** @description banned before this time */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** @description applies now: not lifted and not expired */
                active: boolean;
                /** @description refused attempts of the banned client (sessions, messages, sockets) */
                attempts: number;
                /** @enum {string} */
                channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
                clientName: string | null;
                /** Format: date-time */
                createdAt: string;
                createdBy: {
                  id: string;
                  /** @enum {string} */
                  kind: 'user' | 'api_key';
                  name: string;
                } | null;
                expiresAt: string | null;
                id: string;
                identities: {
                  /** @enum {string} */
                  kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
                  value: string;
                }[];
                lastAttemptAt: string | null;
                liftedAt: string | null;
                liftedBy: {
                  id: string;
                  /** @enum {string} */
                  kind: 'user' | 'api_key';
                  name: string;
                } | null;
                liftReason: string | null;
                reason: string | null;
                sessionId: string | null;
                /** @enum {string} */
                state: 'active' | 'expired' | 'lifted';
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Ban a client on a channel: several identities, a reason, an optional expiry; audited
     * @description Admins and supervisors always; operators only where the tenant allows it (`operatorsMayBan`) and from a session they see (`sessionId`). The client’s live sessions on the channel end at once with end reason `banned`; from then on the client cannot start a session there (web chat 403 `live.banned`, messaging webhooks answered 200 and dropped, each attempt counted on the ban).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
            /** @description null: until lifted */
            expiresAt: string | null;
            identities: {
              /** @enum {string} */
              kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
              /** @description ip: an address or a CIDR subnet (IPv4 or IPv6) */
              value: string;
            }[];
            reason: string;
            /** @description the session the ban was made from */
            sessionId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description applies now: not lifted and not expired */
              active: boolean;
              /** @description refused attempts of the banned client (sessions, messages, sockets) */
              attempts: number;
              /** @enum {string} */
              channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              clientName: string | null;
              /** Format: date-time */
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              expiresAt: string | null;
              id: string;
              identities: {
                /** @enum {string} */
                kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
                value: string;
              }[];
              lastAttemptAt: string | null;
              liftedAt: string | null;
              liftedBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              liftReason: string | null;
              reason: string | null;
              sessionId: string | null;
              /** @enum {string} */
              state: 'active' | 'expired' | 'lifted';
            };
          };
        };
        /** @description `validation_failed` (with `parameter`) or `bans.invalid_identity`: an identity that is not one of its kind or channel */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One ban */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description applies now: not lifted and not expired */
              active: boolean;
              /** @description refused attempts of the banned client (sessions, messages, sockets) */
              attempts: number;
              /** @enum {string} */
              channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              clientName: string | null;
              /** Format: date-time */
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              expiresAt: string | null;
              id: string;
              identities: {
                /** @enum {string} */
                kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
                value: string;
              }[];
              lastAttemptAt: string | null;
              liftedAt: string | null;
              liftedBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              liftReason: string | null;
              reason: string | null;
              sessionId: string | null;
              /** @enum {string} */
              state: 'active' | 'expired' | 'lifted';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/bans/{id}/lift': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a ban with a reason: it stops applying at once on every instance; audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description applies now: not lifted and not expired */
              active: boolean;
              /** @description refused attempts of the banned client (sessions, messages, sockets) */
              attempts: number;
              /** @enum {string} */
              channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              clientName: string | null;
              /** Format: date-time */
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              expiresAt: string | null;
              id: string;
              identities: {
                /** @enum {string} */
                kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
                value: string;
              }[];
              lastAttemptAt: string | null;
              liftedAt: string | null;
              liftedBy: {
                id: string;
                /** @enum {string} */
                kind: 'user' | 'api_key';
                name: string;
              } | null;
              liftReason: string | null;
              reason: string | null;
              sessionId: string | null;
              /** @enum {string} */
              state: 'active' | 'expired' | 'lifted';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `bans.already_lifted` */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant's channel accounts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** @description ids and settings; secrets are never returned */
                config: {
                  [key: string]: string | boolean;
                };
                /** Format: date-time */
                createdAt: string;
                enabled: boolean;
                id: string;
                name: string;
                /** @description which secrets are stored (their values are never returned) */
                secretsSet: string[];
                /** @enum {string} */
                type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
                /** Format: date-time */
                updatedAt: string;
                /** @description paste this into the platform as the callback / webhook URL */
                webhookUrl: string;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Connect a messaging platform account (secrets are stored encrypted and never returned) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                config: {
                  accessToken: string;
                  appSecret: string;
                  /**
                   * Format: uri
                   * @description the platform's API base URL; defaults to the real platform
                   */
                  baseUrl?: string;
                  /** @description the WhatsApp Business Account (WABA) id: the message templates are read from it */
                  businessAccountId?: string;
                  phoneNumberId: string;
                  verifyToken: string;
                };
                name: string;
                /** @enum {string} */
                type: 'whatsapp';
              }
            | {
                config: {
                  appSecret: string;
                  /**
                   * Format: uri
                   * @description the platform's API base URL; defaults to the real platform
                   */
                  baseUrl?: string;
                  /**
                   * @description the page may send with the HUMAN_AGENT tag
                   * @default false
                   */
                  humanAgentTag?: boolean;
                  pageAccessToken: string;
                  pageId: string;
                  verifyToken: string;
                };
                name: string;
                /** @enum {string} */
                type: 'messenger';
              }
            | {
                config: {
                  /**
                   * Format: uri
                   * @description the platform's API base URL; defaults to the real platform
                   */
                  baseUrl?: string;
                  businessId: string;
                  mspId: string;
                  /** @description the MSP secret (base64) Apple issued; signs and checks the JWTs */
                  mspSecret: string;
                };
                name: string;
                /** @enum {string} */
                type: 'apple';
              }
            | {
                config: {
                  accessToken: string;
                  /**
                   * Format: uri
                   * @description the platform's API base URL; defaults to the real platform
                   */
                  baseUrl?: string;
                  communityId: string;
                  confirmationCode: string;
                  secretKey: string;
                };
                name: string;
                /** @enum {string} */
                type: 'vkontakte';
              };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description ids and settings; secrets are never returned */
              config: {
                [key: string]: string | boolean;
              };
              /** Format: date-time */
              createdAt: string;
              enabled: boolean;
              id: string;
              name: string;
              /** @description which secrets are stored (their values are never returned) */
              secretsSet: string[];
              /** @enum {string} */
              type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              /** Format: date-time */
              updatedAt: string;
              /** @description paste this into the platform as the callback / webhook URL */
              webhookUrl: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One channel account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description ids and settings; secrets are never returned */
              config: {
                [key: string]: string | boolean;
              };
              /** Format: date-time */
              createdAt: string;
              enabled: boolean;
              id: string;
              name: string;
              /** @description which secrets are stored (their values are never returned) */
              secretsSet: string[];
              /** @enum {string} */
              type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              /** Format: date-time */
              updatedAt: string;
              /** @description paste this into the platform as the callback / webhook URL */
              webhookUrl: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename, reconfigure, disable or enable a channel account (secrets left out are kept) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description fields of the type's config to change (checked against the type's schema) */
            config?: {
              [key: string]: string | boolean;
            };
            /** @description false disables the account: webhooks are refused, nothing is sent */
            enabled?: boolean;
            name?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description ids and settings; secrets are never returned */
              config: {
                [key: string]: string | boolean;
              };
              /** Format: date-time */
              createdAt: string;
              enabled: boolean;
              id: string;
              name: string;
              /** @description which secrets are stored (their values are never returned) */
              secretsSet: string[];
              /** @enum {string} */
              type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              /** Format: date-time */
              updatedAt: string;
              /** @description paste this into the platform as the callback / webhook URL */
              webhookUrl: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/channels/{id}/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A WhatsApp account's message templates as last synchronised from the platform */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description why the last synchronisation failed */
              error: string | null;
              items: {
                /** @description the BODY text with {{1}} … placeholders */
                body: string;
                category: string;
                language: string;
                name: string;
                /** @description approved and with positional parameters: Restore may send it */
                offered: boolean;
                parameterCount: number;
                status: string;
              }[];
              syncedAt: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/templates/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Synchronise a WhatsApp account's message templates from the platform now
     * @description Reads `GET /{version}/{WABA-ID}/message_templates` with the account's token (the account needs `businessAccountId`) and replaces the stored list; also done daily. 502 `channels.templates_unavailable` with the platform's reason when it refuses. Audited.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description why the last synchronisation failed */
              error: string | null;
              items: {
                /** @description the BODY text with {{1}} … placeholders */
                body: string;
                category: string;
                language: string;
                name: string;
                /** @description approved and with positional parameters: Restore may send it */
                offered: boolean;
                parameterCount: number;
                status: string;
              }[];
              syncedAt: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chatbots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant's chatbots (targets of routing rules) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                name: string;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent background exports: your own, or the whole tenant's for admins and supervisors */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                columns: string[];
                /** Format: date-time */
                createdAt: string;
                downloadUrl: string | null;
                error: string | null;
                expiresAt: string | null;
                fileName: string;
                fileSize: number | null;
                finishedAt: string | null;
                /** @enum {string} */
                format: 'csv' | 'html';
                id: string;
                /** @description sessions written so far */
                progress: number;
                requestedBy: string | null;
                startedAt: string | null;
                /** @enum {string} */
                state: 'queued' | 'running' | 'done' | 'failed' | 'canceled';
                /** @description sessions to write, once counted */
                total: number | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Start a background export of the filtered sessions (any size) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            columns?: string[];
            /** @enum {string} */
            format: 'csv' | 'html';
            /**
             * @default cs
             * @enum {string}
             */
            lang?: 'cs' | 'en';
            /**
             * @description the sessions list's query string (view, q, sort, filters), e.g. view=history&channel=whatsapp
             * @default
             */
            query?: string;
            /**
             * @description default: the tenant's setting
             * @enum {string}
             */
            separator?: 'semicolon' | 'comma';
            /** @default false */
            transcript?: boolean;
            /** @description default: the tenant's setting */
            tz?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              columns: string[];
              /** Format: date-time */
              createdAt: string;
              downloadUrl: string | null;
              error: string | null;
              expiresAt: string | null;
              fileName: string;
              fileSize: number | null;
              finishedAt: string | null;
              /** @enum {string} */
              format: 'csv' | 'html';
              id: string;
              /** @description sessions written so far */
              progress: number;
              requestedBy: string | null;
              startedAt: string | null;
              /** @enum {string} */
              state: 'queued' | 'running' | 'done' | 'failed' | 'canceled';
              /** @description sessions to write, once counted */
              total: number | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A background export: state and progress */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              columns: string[];
              /** Format: date-time */
              createdAt: string;
              downloadUrl: string | null;
              error: string | null;
              expiresAt: string | null;
              fileName: string;
              fileSize: number | null;
              finishedAt: string | null;
              /** @enum {string} */
              format: 'csv' | 'html';
              id: string;
              /** @description sessions written so far */
              progress: number;
              requestedBy: string | null;
              startedAt: string | null;
              /** @enum {string} */
              state: 'queued' | 'running' | 'done' | 'failed' | 'canceled';
              /** @description sessions to write, once counted */
              total: number | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Cancel a queued or running export; delete a finished one and its file */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              deleted: boolean;
              id: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download the file of a finished background export */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': string;
            'text/html': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description export.not_ready */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description export.expired */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Operator groups with their members, the rules that use them and their live sessions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                acceptTimeoutSeconds: number;
                /** Format: date-time */
                createdAt: string;
                id: string;
                /** @description live sessions in this group now */
                liveSessions: number;
                maxWaitSeconds: number | null;
                members: {
                  active: boolean;
                  name: string;
                  priority: number;
                  userId: string;
                }[];
                name: string;
                nextGroupId: string | null;
                queueSize: number;
                /** @description routing rules that send to this group */
                rules: number;
                /** @enum {string} */
                strategy: 'utilisation' | 'whole_group';
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Create a group (routing uses it at once on every instance); audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            acceptTimeoutSeconds?: number;
            maxWaitSeconds?: number | null;
            /** @description the whole membership; higher priority is offered first */
            members?: {
              priority: number;
              userId: string;
            }[];
            name: string;
            /** @description where sessions go when the maximum wait is over */
            nextGroupId?: string | null;
            queueSize?: number;
            /**
             * @description utilisation: one operator at a time; whole_group: everyone at once
             * @enum {string}
             */
            strategy?: 'utilisation' | 'whole_group';
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acceptTimeoutSeconds: number;
              /** Format: date-time */
              createdAt: string;
              id: string;
              /** @description live sessions in this group now */
              liveSessions: number;
              maxWaitSeconds: number | null;
              members: {
                active: boolean;
                name: string;
                priority: number;
                userId: string;
              }[];
              name: string;
              nextGroupId: string | null;
              queueSize: number;
              /** @description routing rules that send to this group */
              rules: number;
              /** @enum {string} */
              strategy: 'utilisation' | 'whole_group';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `groups.name_taken`, or `groups.in_use` (a rule sends to it or a live session is in it) on delete */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/groups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One group */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acceptTimeoutSeconds: number;
              /** Format: date-time */
              createdAt: string;
              id: string;
              /** @description live sessions in this group now */
              liveSessions: number;
              maxWaitSeconds: number | null;
              members: {
                active: boolean;
                name: string;
                priority: number;
                userId: string;
              }[];
              name: string;
              nextGroupId: string | null;
              queueSize: number;
              /** @description routing rules that send to this group */
              rules: number;
              /** @enum {string} */
              strategy: 'utilisation' | 'whole_group';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Delete a group; 409 `groups.in_use` while a rule sends to it or a live session is in it */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `groups.name_taken`, or `groups.in_use` (a rule sends to it or a live session is in it) on delete */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    /**
     * Change a group or its members (`members` replaces the membership); audited before/after
     * @description The routing engine reads groups from the database on every decision: the change applies at once.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            acceptTimeoutSeconds?: number;
            maxWaitSeconds?: number | null;
            /** @description the whole membership; higher priority is offered first */
            members?: {
              priority: number;
              userId: string;
            }[];
            name?: string;
            /** @description where sessions go when the maximum wait is over */
            nextGroupId?: string | null;
            queueSize?: number;
            /**
             * @description utilisation: one operator at a time; whole_group: everyone at once
             * @enum {string}
             */
            strategy?: 'utilisation' | 'whole_group';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acceptTimeoutSeconds: number;
              /** Format: date-time */
              createdAt: string;
              id: string;
              /** @description live sessions in this group now */
              liveSessions: number;
              maxWaitSeconds: number | null;
              members: {
                active: boolean;
                name: string;
                priority: number;
                userId: string;
              }[];
              name: string;
              nextGroupId: string | null;
              queueSize: number;
              /** @description routing rules that send to this group */
              rules: number;
              /** @enum {string} */
              strategy: 'utilisation' | 'whole_group';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `groups.name_taken`, or `groups.in_use` (a rule sends to it or a live session is in it) on delete */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import historical sessions from NDJSON (one session per line; see docs/import.md)
     * @description Send the file as the body with `Content-Type: application/x-ndjson`; it is read as a stream (up to 2 GiB, lines up to 1 MiB). Good lines are written, bad ones listed with their line number and reason. Re-importing a line updates its session (by externalId); an identical line changes nothing.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Transcript activities written */
              activities: number;
              created: number;
              /** @description The first 1,000 rejected lines with their reasons */
              errors: {
                externalId: string | null;
                line: number;
                reason: string;
              }[];
              /** @description Non-empty lines read */
              lines: number;
              /** @description Rejected lines beyond those listed */
              moreErrors: number;
              rejected: number;
              seconds: number;
              /** @description Sessions written (created + updated) */
              sessions: number;
              unchanged: number;
              updated: number;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a chat: creates a session and routes it at once
     * @description Send the widget's public key as `X-Widget-Key`. A client banned on web chat gets 403 `live.banned`; a browser page whose Origin is not among the widget's allowed origins 403 `live.origin_not_allowed`. When no rule or group can take the session it is created already ended (`status: closed`, `endReason: routing_failed`).
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            browser?: string;
            /** Format: email */
            email?: string;
            language?: string;
            name?: string;
            os?: string;
            pageUrl?: string;
            /** @description Free key → value pairs (form fields, page context); routing rules can match them */
            params?: {
              [key: string]: string;
            };
            phone?: string;
            /** @description The visitor's id (cookie); bans can name it */
            visitorId?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Send as X-Client-Token (or `token` on the WebSocket); shown only now */
              clientToken: string;
              endReason:
                | (
                    | 'client_left'
                    | 'operator_ended'
                    | 'chatbot_ended'
                    | 'client_abandoned'
                    | 'operator_abandoned'
                    | 'routing_failed'
                    | 'window_expired'
                    | 'api'
                    | 'banned'
                  )
                | null;
              sessionId: string;
              /** @enum {string} */
              status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The client's session and its transcript so far */
    get: {
      parameters: {
        query?: never;
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description the largest file `…/files` takes (MAX_FILE_MB) */
              maxFileBytes: number;
              session: {
                acceptedAt: string | null;
                channel: string;
                chatbotId: string | null;
                clientLeft: string | null;
                /** Format: date-time */
                createdAt: string;
                durationSeconds: number | null;
                endedAt: string | null;
                endReason:
                  | (
                      | 'client_left'
                      | 'operator_ended'
                      | 'chatbot_ended'
                      | 'client_abandoned'
                      | 'operator_abandoned'
                      | 'routing_failed'
                      | 'window_expired'
                      | 'api'
                      | 'banned'
                    )
                  | null;
                groupId: string | null;
                id: string;
                lastClientMessageAt: string | null;
                messageCount: number;
                operatorIds: string[];
                source: string;
                /** @enum {string} */
                status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
                waitingSeconds: number | null;
              };
              transcript: {
                /** Format: date-time */
                at: string;
                file: {
                  mimeType: string | null;
                  name: string;
                  size: number | null;
                } | null;
                id: string;
                /** @enum {string} */
                sender: 'client' | 'operator' | 'chatbot' | 'system';
                systemCode: string | null;
                systemData: unknown | null;
                text: string | null;
                /** @enum {string} */
                type: 'message' | 'file' | 'system';
                userId: string | null;
                userName: string | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The client sends a file
     * @description The file is the raw request body (any Content-Type; the type kept is sniffed from the bytes), its name in `?name=`; up to MAX_FILE_MB. It becomes a file line of the transcript, which both parties see; colleagues open it at `/api/v1/sessions/:id/files/:activityId`.
     */
    post: {
      parameters: {
        query: {
          /** @description the file name as the sender calls it */
          name: string;
        };
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              at: string;
              id: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}/files/{activityId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A file of the client's own session (sent by the client or an operator)
     * @description Served like the colleagues' file route: sniffed PNG, JPEG, GIF and WebP images inline (unless `?download=1`), anything else as application/octet-stream to save, never to render.
     */
    get: {
      parameters: {
        query?: {
          download?: '0' | '1' | 'true' | 'false';
        };
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          activityId: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description the requested byte range(s) */
        206: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}/leave': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The client leaves: the queue (client_abandoned) or the conversation (client_left) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endReason:
                | (
                    | 'client_left'
                    | 'operator_ended'
                    | 'chatbot_ended'
                    | 'client_abandoned'
                    | 'operator_abandoned'
                    | 'routing_failed'
                    | 'window_expired'
                    | 'api'
                    | 'banned'
                  )
                | null;
              sessionId: string;
              /** @enum {string} */
              status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The client sends a message or a file (metadata) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description A file sent: metadata only (name, size, type); the bytes are not stored by this API */
            file?: {
              mimeType?: string;
              name: string;
              size?: number;
            };
            text?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              at: string;
              id: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/client/sessions/{id}/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The client is typing: the operators see "typing…" for a few seconds; nothing is stored
     * @description Send it while the client types, at most every 2 seconds (more often is accepted and not passed on). Operators in the session get `{ type: "typing", sessionId, expiresInSeconds }` on their WebSocket and show it until that many seconds pass without another.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description The client token returned when the session was started */
          'x-client-token'?: string;
          /** @description The widget's public key */
          'x-widget-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling operator's state, pending offers and current sessions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description the largest file `…/files` takes (MAX_FILE_MB) */
              maxFileBytes: number;
              offers: {
                channel: string;
                clientName: string | null;
                /** Format: date-time */
                createdAt: string;
                expiresAt: string | null;
                groupId: string | null;
                groupName: string | null;
                /** Format: date-time */
                offeredAt: string;
                pageUrl: string | null;
                sessionId: string;
              }[];
              sessions: {
                acceptedAt: string | null;
                channel: string;
                clientName: string | null;
                id: string;
                messageCount: number;
                /** @enum {string} */
                status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
              }[];
              user: {
                capacity: number;
                id: string;
                name: string;
                /** @enum {string} */
                state: 'online' | 'away' | 'break' | 'offline';
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept a session offered to you; the first accept wins */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endReason:
                | (
                    | 'client_left'
                    | 'operator_ended'
                    | 'chatbot_ended'
                    | 'client_abandoned'
                    | 'operator_abandoned'
                    | 'routing_failed'
                    | 'window_expired'
                    | 'api'
                    | 'banned'
                  )
                | null;
              sessionId: string;
              /** @enum {string} */
              status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline a session offered to you; it moves on to the next operator */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End a session you are in (operator_ended; it closes at once)
     * @description An optional `result` (the outcome, e.g. "vyřešeno") is kept as the session result.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            result?: string;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endReason:
                | (
                    | 'client_left'
                    | 'operator_ended'
                    | 'chatbot_ended'
                    | 'client_abandoned'
                    | 'operator_abandoned'
                    | 'routing_failed'
                    | 'window_expired'
                    | 'api'
                    | 'banned'
                  )
                | null;
              sessionId: string;
              /** @enum {string} */
              status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a file to the client of a session you are in
     * @description The file is the raw request body (any Content-Type; the type kept is sniffed from the bytes), its name in `?name=`; up to MAX_FILE_MB. It becomes a file line of the transcript, which both parties see; colleagues open it at `/api/v1/sessions/:id/files/:activityId`.
     */
    post: {
      parameters: {
        query: {
          /** @description the file name as the sender calls it */
          name: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              at: string;
              id: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a message or a file (metadata) to the client of a session you are in */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description A file sent: metadata only (name, size, type); the bytes are not stored by this API */
            file?: {
              mimeType?: string;
              name: string;
              size?: number;
            };
            text?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              at: string;
              id: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/transcript': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The transcript of a session you are in or were offered */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** Format: date-time */
                at: string;
                file: {
                  mimeType: string | null;
                  name: string;
                  size: number | null;
                } | null;
                id: string;
                /** @enum {string} */
                sender: 'client' | 'operator' | 'chatbot' | 'system';
                systemCode: string | null;
                systemData: unknown | null;
                text: string | null;
                /** @enum {string} */
                type: 'message' | 'file' | 'system';
                userId: string | null;
                userName: string | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/sessions/{id}/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * You are typing to the client of a session you are in; nothing is stored
     * @description At most one event every 2 seconds is passed on. The client gets `{ type: "typing", userName, expiresInSeconds }` on its WebSocket and shows it until that many seconds pass without another.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/live/operator/state': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the operator state; only online operators get offers
     * @description Leaving `online` hands the pending offers on to other operators.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            state: 'online' | 'away' | 'break' | 'offline';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              capacity: number;
              id: string;
              /** @enum {string} */
              state: 'online' | 'away' | 'break' | 'offline';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is calling: user, tenant, CSRF token for cookie sessions, tenant settings the UI needs */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              csrfToken: string | null;
              settings: {
                operatorsMayBan: boolean;
                recordingAv: boolean;
                recordingPhone: boolean;
                timeZone: string;
              };
              tenant: {
                id: string;
                name: string;
                slug: string;
              };
              user: {
                email: string | null;
                id: string | null;
                name: string;
                /** @enum {string} */
                role: 'admin' | 'supervisor' | 'operator';
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change your own password; your other logins end
     * @description 400 `users.wrong_password` when `currentPassword` is not right; 403 for an API key acting for no user.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            currentPassword: string;
            newPassword: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/preferences/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the caller's preferences (e.g. sessions.columns); value null when never saved */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              key: string;
              updatedAt: string | null;
              value: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    /** Save one of the caller's preferences: any JSON value up to 64 KiB */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            value: unknown;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              key: string;
              updatedAt: string | null;
              value: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routing-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The routing rules in the order they are tried, with their targets */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                conditions: {
                  [key: string]: unknown;
                };
                enabled: boolean;
                id: string;
                /** @description taken when no other enabled rule matches */
                isFallback: boolean;
                name: string;
                position: number;
                target: {
                  id: string;
                  /** @enum {string} */
                  kind: 'group' | 'chatbot';
                  name: string;
                };
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Add a rule at the end; routing uses it for the next session on every instance; audited
     * @description Body `{ name, conditions: { channel?, source?, pageUrlContains?, params? }, target: { groupId } | { chatbotId }, enabled?, isFallback? }`.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            conditions?: {
              channel?: ('webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte')[];
              pageUrlContains?: string;
              params?: {
                [key: string]: string;
              };
              source?: (
                | 'widget'
                | 'invitation'
                | 'callback'
                | 'incoming_call'
                | 'outgoing_call'
                | 'campaign'
                | 'api'
                | 'restored'
              )[];
            };
            enabled?: boolean;
            isFallback?: boolean;
            name: string;
            target:
              | {
                  groupId: string;
                }
              | {
                  chatbotId: string;
                };
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conditions: {
                [key: string]: unknown;
              };
              enabled: boolean;
              id: string;
              /** @description taken when no other enabled rule matches */
              isFallback: boolean;
              name: string;
              position: number;
              target: {
                id: string;
                /** @enum {string} */
                kind: 'group' | 'chatbot';
                name: string;
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routing-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a rule; audited */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Change a rule (name, conditions, target, enabled, fallback); audited before/after */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            conditions?: {
              channel?: ('webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte')[];
              pageUrlContains?: string;
              params?: {
                [key: string]: string;
              };
              source?: (
                | 'widget'
                | 'invitation'
                | 'callback'
                | 'incoming_call'
                | 'outgoing_call'
                | 'campaign'
                | 'api'
                | 'restored'
              )[];
            };
            enabled?: boolean;
            isFallback?: boolean;
            name?: string;
            target?:
              | {
                  groupId: string;
                }
              | {
                  chatbotId: string;
                };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conditions: {
                [key: string]: unknown;
              };
              enabled: boolean;
              id: string;
              /** @description taken when no other enabled rule matches */
              isFallback: boolean;
              name: string;
              position: number;
              target: {
                id: string;
                /** @enum {string} */
                kind: 'group' | 'chatbot';
                name: string;
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/routing-rules/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Put the rules in a new order: `ids` lists every rule exactly once; audited */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            ids: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                conditions: {
                  [key: string]: unknown;
                };
                enabled: boolean;
                id: string;
                /** @description taken when no other enabled rule matches */
                isFallback: boolean;
                name: string;
                position: number;
                target: {
                  id: string;
                  /** @enum {string} */
                  kind: 'group' | 'chatbot';
                  name: string;
                };
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routing-rules/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Which rule would take a session with this channel, source, page URL and parameters
     * @description The enabled rules in order, picked by the same function the routing engine uses; `rule` is null when none would.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
            pageUrl?: string;
            params?: {
              [key: string]: string;
            };
            /**
             * @default widget
             * @enum {string}
             */
            source?:
              | 'widget'
              | 'invitation'
              | 'callback'
              | 'incoming_call'
              | 'outgoing_call'
              | 'campaign'
              | 'api'
              | 'restored';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              rule: {
                conditions: {
                  [key: string]: unknown;
                };
                enabled: boolean;
                id: string;
                /** @description taken when no other enabled rule matches */
                isFallback: boolean;
                name: string;
                position: number;
                target: {
                  id: string;
                  /** @enum {string} */
                  kind: 'group' | 'chatbot';
                  name: string;
                };
              } | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routing/targets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Operators and groups a live session can be redirected to
     * @description The tenant's enabled users with state and load (`activeSessions` of `capacity`) and its groups with their queue (`queued` of `queueSize`). Only online operators with free capacity and groups with room in the queue accept a redirect.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              groups: {
                id: string;
                name: string;
                /** @description Live sessions waiting in the group now */
                queued: number;
                /** @description Maximum number of waiting sessions */
                queueSize: number;
                /** @enum {string} */
                strategy: 'utilisation' | 'whole_group';
              }[];
              operators: {
                /** @description Sessions held now plus offers waiting for an answer */
                activeSessions: number;
                /** @description Concurrent sessions the operator can take */
                capacity: number;
                id: string;
                name: string;
                /** @enum {string} */
                state: 'online' | 'away' | 'break' | 'offline';
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Sessions, filtered by any column, searched in content, sorted, keyset-paginated
     * @description Filters: value sets (`channel=whatsapp,messenger`, "(empty)" = no value), ranges (`createdAt.min=`, `duration.max=`), text (`pageUrl.contains=`, `clientPhone=`, `feedback.empty=true`), parameters (`param.<name>=…`, `.contains=`, `.empty=`). Operators see only sessions they took part in unless the tenant allows more. `total` is exact when `totalIsEstimate` is false.
     */
    get: {
      parameters: {
        query?: {
          /** @description Accepted at most (ISO 8601 date-time) */
          'acceptedAt.max'?: string | string[];
          /** @description Accepted at least (ISO 8601 date-time) */
          'acceptedAt.min'?: string | string[];
          /** @description Banned: comma-separated values (any of); "(empty)" = no value */
          banned?: string | string[];
          /** @description Browser: comma-separated values (any of); "(empty)" = no value */
          browser?: string | string[];
          /** @description Channel: comma-separated values (any of); "(empty)" = no value */
          channel?: string | string[];
          /** @description Chatbot: comma-separated values (any of); "(empty)" = no value */
          chatbot?: string | string[];
          /** @description Client e-mail equals */
          clientEmail?: string | string[];
          /** @description Client e-mail contains (case-insensitive) */
          'clientEmail.contains'?: string | string[];
          /** @description Client e-mail is empty: true or false */
          'clientEmail.empty'?: string | string[];
          /** @description IP address equals */
          clientIp?: string | string[];
          /** @description IP address contains (case-insensitive) */
          'clientIp.contains'?: string | string[];
          /** @description IP address is empty: true or false */
          'clientIp.empty'?: string | string[];
          /** @description Client left: comma-separated values (any of); "(empty)" = no value */
          clientLeft?: string | string[];
          /** @description Client equals */
          clientName?: string | string[];
          /** @description Client contains (case-insensitive) */
          'clientName.contains'?: string | string[];
          /** @description Client is empty: true or false */
          'clientName.empty'?: string | string[];
          /** @description Client phone equals */
          clientPhone?: string | string[];
          /** @description Client phone contains (case-insensitive) */
          'clientPhone.contains'?: string | string[];
          /** @description Client phone is empty: true or false */
          'clientPhone.empty'?: string | string[];
          /** @description Created at most (ISO 8601 date-time) */
          'createdAt.max'?: string | string[];
          /** @description Created at least (ISO 8601 date-time) */
          'createdAt.min'?: string | string[];
          /** @description nextCursor of the previous page */
          cursor?: string;
          /** @description Duration at most (seconds) */
          'duration.max'?: string | string[];
          /** @description Duration at least (seconds) */
          'duration.min'?: string | string[];
          /** @description Ended at most (ISO 8601 date-time) */
          'endedAt.max'?: string | string[];
          /** @description Ended at least (ISO 8601 date-time) */
          'endedAt.min'?: string | string[];
          /** @description End reason: comma-separated values (any of); "(empty)" = no value */
          endReason?: string | string[];
          /** @description External ID equals */
          externalId?: string | string[];
          /** @description External ID contains (case-insensitive) */
          'externalId.contains'?: string | string[];
          /** @description External ID is empty: true or false */
          'externalId.empty'?: string | string[];
          /** @description Feedback equals */
          feedback?: string | string[];
          /** @description Feedback contains (case-insensitive) */
          'feedback.contains'?: string | string[];
          /** @description Feedback is empty: true or false */
          'feedback.empty'?: string | string[];
          /** @description Group: comma-separated values (any of); "(empty)" = no value */
          group?: string | string[];
          /** @description Recording: comma-separated values (any of); "(empty)" = no value */
          hasRecording?: string | string[];
          /** @description ID equals */
          id?: string | string[];
          /** @description ID contains (case-insensitive) */
          'id.contains'?: string | string[];
          /** @description ID is empty: true or false */
          'id.empty'?: string | string[];
          /** @description Language: comma-separated values (any of); "(empty)" = no value */
          language?: string | string[];
          limit?: number;
          /** @description Messages at most (number) */
          'messageCount.max'?: string | string[];
          /** @description Messages at least (number) */
          'messageCount.min'?: string | string[];
          /** @description Operator: comma-separated values (any of); "(empty)" = no value */
          operator?: string | string[];
          /** @description Operating system: comma-separated values (any of); "(empty)" = no value */
          os?: string | string[];
          /** @description Page URL equals */
          pageUrl?: string | string[];
          /** @description Page URL contains (case-insensitive) */
          'pageUrl.contains'?: string | string[];
          /** @description Page URL is empty: true or false */
          'pageUrl.empty'?: string | string[];
          /** @description content search: words (roots, prefixes), "quoted phrases" */
          q?: string;
          /** @description Rating at most (number) */
          'rating.max'?: string | string[];
          /** @description Rating at least (number) */
          'rating.min'?: string | string[];
          /** @description Restored as equals */
          restoredAs?: string | string[];
          /** @description Restored as contains (case-insensitive) */
          'restoredAs.contains'?: string | string[];
          /** @description Restored as is empty: true or false */
          'restoredAs.empty'?: string | string[];
          /** @description Restored from equals */
          restoredFrom?: string | string[];
          /** @description Restored from contains (case-insensitive) */
          'restoredFrom.contains'?: string | string[];
          /** @description Restored from is empty: true or false */
          'restoredFrom.empty'?: string | string[];
          /** @description <columnId> or -<columnId> */
          sort?: string;
          /** @description Source: comma-separated values (any of); "(empty)" = no value */
          source?: string | string[];
          /** @description Status: comma-separated values (any of); "(empty)" = no value */
          status?: string | string[];
          /** @description Tags: comma-separated values (any of); "(empty)" = no value */
          tags?: string | string[];
          view?: 'history' | 'live';
          /** @description Waiting time at most (seconds) */
          'waitingTime.max'?: string | string[];
          /** @description Waiting time at least (seconds) */
          'waitingTime.min'?: string | string[];
          /** @description Widget: comma-separated values (any of); "(empty)" = no value */
          widget?: string | string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                acceptedAt: string | null;
                banned: boolean;
                browser: string | null;
                channel: string;
                chatbot: {
                  id: string;
                  name: string;
                } | null;
                clientEmail: string | null;
                clientIp: string | null;
                clientLeft: string | null;
                clientName: string | null;
                clientPhone: string | null;
                /** Format: date-time */
                createdAt: string;
                /** @description seconds; live sessions: up to now */
                duration: number | null;
                endedAt: string | null;
                endReason: string | null;
                externalId: string | null;
                feedback: string | null;
                group: {
                  id: string;
                  name: string;
                } | null;
                hasRecording: boolean;
                id: string;
                language: string | null;
                /** @description with q=: the first matching activity and a snippet with the hits marked */
                match?: {
                  activityId: string | null;
                  snippet: {
                    hit: boolean;
                    text: string;
                  }[];
                };
                messageCount: number;
                /** @description everyone who took part */
                operator: {
                  id: string;
                  name: string;
                }[];
                os: string | null;
                pageUrl: string | null;
                params: {
                  [key: string]: string;
                };
                rating: number | null;
                /** @description the newest session this one was restored as */
                restoredAs: string | null;
                /** @description the ended session this one was restored from */
                restoredFrom: string | null;
                source: string;
                status: string;
                tags: string[];
                /** @description seconds; live sessions: up to now */
                waitingTime: number | null;
                widget: {
                  id: string;
                  name: string;
                } | null;
              }[];
              nextCursor: string | null;
              /** @description with q= finding nothing or very little: whole queries with an unknown word replaced by a similar word of the tenant's transcripts that finds more ("did you mean"); never searched unless asked */
              suggestions: string[];
              /** @description How many sessions the list holds. A page read with a cursor (History) gives the first page's total, as the list was when paging began; a new first page counts again */
              total: number;
              /** @description true: total is an estimate of this query (never below what is known to match); GET /sessions/count counts it exactly */
              totalIsEstimate: boolean;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One session: every list field, the client, parameters, participants, restore links */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acceptedAt: string | null;
              banned: boolean;
              browser: string | null;
              channel: string;
              chatbot: {
                id: string;
                name: string;
              } | null;
              client: {
                browser: string | null;
                contactId: string | null;
                email: string | null;
                ip: string | null;
                language: string | null;
                name: string | null;
                os: string | null;
                phone: string | null;
                visitorId: string | null;
              };
              clientEmail: string | null;
              clientIp: string | null;
              clientLeft: string | null;
              clientName: string | null;
              clientPhone: string | null;
              /** Format: date-time */
              createdAt: string;
              /** @description seconds; live sessions: up to now */
              duration: number | null;
              endedAt: string | null;
              endReason: string | null;
              externalId: string | null;
              feedback: string | null;
              group: {
                id: string;
                name: string;
              } | null;
              hasRecording: boolean;
              id: string;
              language: string | null;
              messageCount: number;
              /** @description everyone who took part */
              operator: {
                id: string;
                name: string;
              }[];
              os: string | null;
              pageUrl: string | null;
              params: {
                [key: string]: string;
              };
              participants: {
                id: string;
                /** Format: date-time */
                joinedAt: string;
                /** @enum {string} */
                kind: 'operator' | 'chatbot';
                leftAt: string | null;
                name: string;
              }[];
              rating: number | null;
              recordingsShown: boolean;
              /** @description the newest session this one was restored as */
              restoredAs: string | null;
              /** @description the ended session this one was restored from */
              restoredFrom: string | null;
              restoredInto: string[];
              result: string | null;
              source: string;
              status: string;
              tags: string[];
              /** @description seconds; live sessions: up to now */
              waitingTime: number | null;
              widget: {
                id: string;
                name: string;
              } | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/client-identities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The session's client identities on its channel, for the Ban dialog, and its bans in force */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description bans made from this session that apply now */
              activeBanIds: string[];
              /** @enum {string} */
              channel: 'webchat' | 'av' | 'phone' | 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
              clientName: string | null;
              identities: {
                /** @enum {string} */
                kind: 'visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId';
                value: string;
              }[];
              /** @description the identities a ban on this channel may name */
              kinds: ('visitorId' | 'ip' | 'email' | 'phone' | 'psid' | 'waId' | 'appleId' | 'vkId')[];
              mayBan: boolean;
              sessionId: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/files/{activityId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A file of a session's transcript (sent by the client, an operator, or through a messaging platform)
     * @description Same visibility as the session; recorded in the audit log. Sniffed raster images (PNG, JPEG, GIF, WebP) are shown inline unless `?download=1`; everything else is served as an attachment of type application/octet-stream with nosniff and a sandboxing CSP, so nothing uploaded runs in this origin. Range requests are answered with 206.
     */
    get: {
      parameters: {
        query?: {
          download?: '0' | '1' | 'true' | 'false';
        };
        header?: never;
        path: {
          activityId: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description the requested byte range(s) */
        206: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description files.deleted (by retention) or files.missing */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description range_not_satisfiable */
        416: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A session's notes, oldest first, with what the caller may do to each */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                author: {
                  id: string | null;
                  name: string;
                };
                canDelete: boolean;
                canEdit: boolean;
                /** Format: date-time */
                createdAt: string;
                id: string;
                sessionId: string;
                text: string;
                updatedAt: string | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Add a note to a session (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              author: {
                id: string | null;
                name: string;
              };
              canDelete: boolean;
              canEdit: boolean;
              /** Format: date-time */
              createdAt: string;
              id: string;
              sessionId: string;
              text: string;
              updatedAt: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/notes/{noteId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete your own note; admins may delete any (audited) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          noteId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Edit your own note (audited) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          noteId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              author: {
                id: string | null;
                name: string;
              };
              canDelete: boolean;
              canEdit: boolean;
              /** Format: date-time */
              createdAt: string;
              id: string;
              sessionId: string;
              text: string;
              updatedAt: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/sessions/{id}/recordings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The session's recordings (kind, start, length, size, state, mediaUrl), in the order they started
     * @description Same visibility as the session.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              recordings: {
                /** @description null until probed, or where the container does not say */
                durationSeconds: number | null;
                failureReason: string | null;
                id: string;
                /**
                 * @description client, operator, all (all participants), screen (screen share) or phone (a phone call)
                 * @enum {string}
                 */
                kind: 'client' | 'operator' | 'all' | 'screen' | 'phone';
                mediaType: string;
                /** @description streams the file with HTTP range support (206 for Range requests); add ?download=1 to download it */
                mediaUrl: string | null;
                sizeBytes: number | null;
                /** Format: date-time */
                startedAt: string;
                /** @description processing (being received or probed), ready, failed (see failureReason), recording */
                state: string;
                /** @description the stored track: client_av, operator_av, all_participants, screen_share or phone_call */
                track: string;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Send a recorded track of a session (API keys of role media)
     * @description The file is the raw body with its Content-Type (audio/webm, video/webm, audio/ogg, video/ogg, audio/opus, audio/mp4, video/mp4, audio/aac, audio/x-m4a, audio/mpeg, audio/mp3, audio/wav, audio/x-wav, audio/wave, audio/vnd.wave), streamed to storage. Its first bytes must be that container; the size limit is MAX_RECORDING_MB. Refused when the workspace does not record that kind. With an Idempotency-Key header, sending the same recording again answers the first (200) instead of storing it twice. The answer is `processing`; the length is read in the background and the recording becomes `ready` (a live `session.updated` event with field `recordings`) or `failed` with a reason.
     */
    post: {
      parameters: {
        query: {
          /** @description client, operator, all (all participants), screen (screen share) or phone (a phone call) */
          kind: 'client' | 'operator' | 'all' | 'screen' | 'phone';
          /** @description when the recorded track started (ISO 8601) */
          startedAt: string;
        };
        header?: {
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the recording sent earlier with this Idempotency-Key */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description null until probed, or where the container does not say */
              durationSeconds: number | null;
              failureReason: string | null;
              id: string;
              /**
               * @description client, operator, all (all participants), screen (screen share) or phone (a phone call)
               * @enum {string}
               */
              kind: 'client' | 'operator' | 'all' | 'screen' | 'phone';
              mediaType: string;
              /** @description streams the file with HTTP range support (206 for Range requests); add ?download=1 to download it */
              mediaUrl: string | null;
              sizeBytes: number | null;
              /** Format: date-time */
              startedAt: string;
              /** @description processing (being received or probed), ready, failed (see failureReason), recording */
              state: string;
              /** @description the stored track: client_av, operator_av, all_participants, screen_share or phone_call */
              track: string;
            };
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description null until probed, or where the container does not say */
              durationSeconds: number | null;
              failureReason: string | null;
              id: string;
              /**
               * @description client, operator, all (all participants), screen (screen share) or phone (a phone call)
               * @enum {string}
               */
              kind: 'client' | 'operator' | 'all' | 'screen' | 'phone';
              mediaType: string;
              /** @description streams the file with HTTP range support (206 for Range requests); add ?download=1 to download it */
              mediaUrl: string | null;
              sizeBytes: number | null;
              /** Format: date-time */
              startedAt: string;
              /** @description processing (being received or probed), ready, failed (see failureReason), recording */
              state: string;
              /** @description the stored track: client_av, operator_av, all_participants, screen_share or phone_call */
              track: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description recordings.wrong_channel, or the same Idempotency-Key arriving right now */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description recordings.too_large */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description recordings.wrong_type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/recordings/{recordingId}/media': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The recording file, streamed; Range requests are answered with 206 (seeking)
     * @description Same visibility as the session. A request from the first byte (a playback starting) and every download (`?download=1`, served as an attachment) are recorded in the audit log.
     */
    get: {
      parameters: {
        query?: {
          download?: '0' | '1' | 'true' | 'false';
        };
        header?: never;
        path: {
          id: string;
          recordingId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the whole file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description the requested byte range(s) */
        206: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description recordings.not_ready */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description recordings.file_missing */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description range_not_satisfiable */
        416: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/redirect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Redirect a live session to an operator or a group; it is offered there at once
     * @description Body `{ operatorId }` or `{ groupId }`. The session leaves its current operator or queue. Errors: 404 `not_found` (unknown session, operator or group — also another tenant's), 409 `routing.session_ended`, `routing.operator_unavailable` (not online), `routing.operator_full` (no free capacity), `routing.group_full` (queue full), `routing.already_there`.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                operatorId: string;
              }
            | {
                groupId: string;
              };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description null once the session has ended */
              current: {
                groupId: string | null;
                groupName: string | null;
                offeredTo: {
                  expiresAt: string | null;
                  id: string;
                  name: string;
                  /** Format: date-time */
                  since: string;
                }[];
                /** @description 1-based place in the group queue while waiting */
                queuePosition: number | null;
                /**
                 * @description queued, offered, active or after_work
                 * @enum {string}
                 */
                state: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
                /** @description Waiting so far, or until it was accepted */
                waitingSeconds: number;
              } | null;
              events: {
                /** @description Who caused the step (redirect: the manager) */
                actor: {
                  id: string;
                  name: string;
                } | null;
                /** Format: date-time */
                at: string;
                data: {
                  [key: string]: unknown;
                };
                group: {
                  id: string;
                  name: string;
                } | null;
                id: string;
                /** @enum {string} */
                kind:
                  | 'rule_matched'
                  | 'entered_queue'
                  | 'offered'
                  | 'offer_timed_out'
                  | 'offer_declined'
                  | 'accepted'
                  | 'redirected'
                  | 'queue_timeout'
                  | 'routing_failed'
                  | 'ended'
                  | 'restored';
                /** @description The operator concerned (offered to, accepted by, redirected to) */
                user: {
                  id: string;
                  name: string;
                } | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What restoring this ended session allows now: the option, why, until when, the templates
     * @description Computed from the client's last message on the session's account (whichever session it was in) by the messaging window the outbox applies too (docs/channels.md). `blocked` says why a session cannot be restored (another channel, still live, not linked to a platform client, account disabled, client banned, window closed). Same visibility as the session (404 otherwise).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accountId: string | null;
              /** @description why not, when it cannot */
              blocked: {
                /** @enum {string} */
                code:
                  | 'restore.not_messaging'
                  | 'restore.session_live'
                  | 'restore.no_platform_client'
                  | 'restore.account_disabled'
                  | 'restore.client_banned'
                  | 'restore.window_closed';
                message: string;
              } | null;
              /** @description the caller is a user, who takes the new session */
              canTakeIt: boolean;
              channel: string;
              clientLanguage: string | null;
              /** @description groups it can be offered to */
              groups: {
                id: string;
                name: string;
              }[];
              /** @description the client already has this live session on the account: Restore opens it instead */
              liveSessionId: string | null;
              options: {
                /** @description the first message may be a WhatsApp template */
                template: boolean;
                /** @description the first message may be free text */
                text: boolean;
              };
              /** @description a new session can be started now */
              restorable: boolean;
              /** @description WhatsApp: the account's approved templates, the client's language first */
              templates: {
                /** @description the BODY text with {{1}} … placeholders */
                body: string;
                category: string;
                inClientLanguage: boolean;
                language: string;
                name: string;
                /** @description approved and with positional parameters: Restore may send it */
                offered: boolean;
                parameterCount: number;
                status: string;
              }[];
              window: {
                /** @enum {string} */
                allows: 'free' | 'tag' | 'template' | 'nothing';
                /** @description when what is allowed now stops being allowed (null: no deadline) */
                closesAt: string | null;
                /** @description the client's last message on this account, whichever session */
                lastInboundAt: string | null;
                /** @enum {string} */
                reason:
                  | 'never_wrote'
                  | 'whatsapp_customer_service_window'
                  | 'whatsapp_window_closed'
                  | 'messenger_standard_window'
                  | 'messenger_human_agent_window'
                  | 'messenger_window_closed'
                  | 'messenger_human_agent_not_allowed'
                  | 'apple_customer_initiated'
                  | 'vkontakte_messages_allowed';
                /** @description Messenger: the tag the first message is sent with */
                tag: string | null;
              } | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Restore an ended messaging session: a new session with the same client, linked to this one
     * @description Body: `text` (inside the window) or `template: { name, language, parameters }` (WhatsApp; required outside the 24-hour window), and optionally `groupId` to offer it to a group instead of taking it. The new session (`source: restored`, `restoredFrom`) is taken by the caller or queued in the group; its first message goes through the outbox, and both transcripts get a system message. When the client already has a live session on the account, that one is answered (200, `created: false`). Errors: 404 `not_found` (unknown or invisible session — also another tenant's — or group), 409 `restore.session_live`, `restore.account_disabled`, 403 `restore.client_banned`, 422 `restore.not_messaging`, `restore.no_platform_client`, `restore.window_closed`, `restore.template_required`, `restore.template_not_allowed`, `restore.template_unknown`, `restore.template_parameters`, `restore.group_required`, 409 `routing.group_full`. Audited.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description offer the new session to this group instead of taking it yourself (required for an API key acting for no user) */
            groupId?: string;
            /** @description WhatsApp: an approved message template instead of text (required outside the 24-hour window) */
            template?: {
              /** @description the template language code, e.g. `cs` or `en_US` */
              language: string;
              name: string;
              /**
               * @description the values of the body placeholders {{1}}, {{2}} … in order
               * @default []
               */
              parameters?: string[];
            };
            /** @description the first message as free text (inside the messaging window) */
            text?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description false: the client already had a live session on the account, answered instead */
              created: boolean;
              session: {
                /** @enum {string} */
                channel: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
                /** Format: date-time */
                createdAt: string;
                id: string;
                restoredFrom: string | null;
                source: string;
                status: string;
              };
            };
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description false: the client already had a live session on the account, answered instead */
              created: boolean;
              session: {
                /** @enum {string} */
                channel: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
                /** Format: date-time */
                createdAt: string;
                id: string;
                restoredFrom: string | null;
                source: string;
                status: string;
              };
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/routing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Routing of a session: where it is now and every step so far
     * @description Same visibility as the session. Live updates: the SSE stream sends `session.routing` when a step is added.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description null once the session has ended */
              current: {
                groupId: string | null;
                groupName: string | null;
                offeredTo: {
                  expiresAt: string | null;
                  id: string;
                  name: string;
                  /** Format: date-time */
                  since: string;
                }[];
                /** @description 1-based place in the group queue while waiting */
                queuePosition: number | null;
                /**
                 * @description queued, offered, active or after_work
                 * @enum {string}
                 */
                state: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
                /** @description Waiting so far, or until it was accepted */
                waitingSeconds: number;
              } | null;
              events: {
                /** @description Who caused the step (redirect: the manager) */
                actor: {
                  id: string;
                  name: string;
                } | null;
                /** Format: date-time */
                at: string;
                data: {
                  [key: string]: unknown;
                };
                group: {
                  id: string;
                  name: string;
                } | null;
                id: string;
                /** @enum {string} */
                kind:
                  | 'rule_matched'
                  | 'entered_queue'
                  | 'offered'
                  | 'offer_timed_out'
                  | 'offer_declined'
                  | 'accepted'
                  | 'redirected'
                  | 'queue_timeout'
                  | 'routing_failed'
                  | 'ended'
                  | 'restored';
                /** @description The operator concerned (offered to, accepted by, redirected to) */
                user: {
                  id: string;
                  name: string;
                } | null;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/transcript': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The transcript in order (messages, files, system messages), paged; recorded in the audit log */
    get: {
      parameters: {
        query?: {
          /** @description return the page that contains this activity (open the transcript at a search hit) */
          around?: string;
          cursor?: string;
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** Format: date-time */
                at: string;
                /** @description an outbound line of a messaging session: pending, sent, delivered, read or failed (with the reason); null otherwise */
                delivery: {
                  /** @description the platform's error code when failed */
                  errorCode: string | null;
                  /** @description the platform's reason when failed */
                  reason: string | null;
                  /** @enum {string} */
                  state: 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
                  /** Format: date-time */
                  updatedAt: string;
                } | null;
                file: {
                  mimeType: string | null;
                  name: string;
                  size: number | null;
                  url: string | null;
                } | null;
                id: string;
                sender: string;
                senderName: string | null;
                systemCode: string | null;
                systemData: unknown;
                text: string | null;
                type: string;
              }[];
              /** @description the following activities */
              nextCursor: string | null;
              /** @description the preceding activities (when the page does not start at the beginning) */
              prevCursor: string | null;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/columns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The column catalogue: every column, plus one per parameter name the tenant has seen */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              columns: {
                defaultVisible: boolean;
                /** @enum {string} */
                filter: 'values' | 'range' | 'text' | 'none';
                id: string;
                label: {
                  cs: string;
                  en: string;
                };
                sortable: boolean;
                /** @enum {string} */
                type:
                  | 'id'
                  | 'text'
                  | 'enum'
                  | 'datetime'
                  | 'duration'
                  | 'number'
                  | 'boolean'
                  | 'tags'
                  | 'people'
                  | 'ref';
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How many sessions the list with these filters and search holds: exact, or a labelled estimate
     * @description Takes the list's filters and `q`. Counts exactly within a few seconds; beyond that `total` is an estimate of this query from a sample of the sessions and `totalIsEstimate` is true.
     */
    get: {
      parameters: {
        query?: {
          /** @description Accepted at most (ISO 8601 date-time) */
          'acceptedAt.max'?: string | string[];
          /** @description Accepted at least (ISO 8601 date-time) */
          'acceptedAt.min'?: string | string[];
          /** @description Banned: comma-separated values (any of); "(empty)" = no value */
          banned?: string | string[];
          /** @description Browser: comma-separated values (any of); "(empty)" = no value */
          browser?: string | string[];
          /** @description Channel: comma-separated values (any of); "(empty)" = no value */
          channel?: string | string[];
          /** @description Chatbot: comma-separated values (any of); "(empty)" = no value */
          chatbot?: string | string[];
          /** @description Client e-mail equals */
          clientEmail?: string | string[];
          /** @description Client e-mail contains (case-insensitive) */
          'clientEmail.contains'?: string | string[];
          /** @description Client e-mail is empty: true or false */
          'clientEmail.empty'?: string | string[];
          /** @description IP address equals */
          clientIp?: string | string[];
          /** @description IP address contains (case-insensitive) */
          'clientIp.contains'?: string | string[];
          /** @description IP address is empty: true or false */
          'clientIp.empty'?: string | string[];
          /** @description Client left: comma-separated values (any of); "(empty)" = no value */
          clientLeft?: string | string[];
          /** @description Client equals */
          clientName?: string | string[];
          /** @description Client contains (case-insensitive) */
          'clientName.contains'?: string | string[];
          /** @description Client is empty: true or false */
          'clientName.empty'?: string | string[];
          /** @description Client phone equals */
          clientPhone?: string | string[];
          /** @description Client phone contains (case-insensitive) */
          'clientPhone.contains'?: string | string[];
          /** @description Client phone is empty: true or false */
          'clientPhone.empty'?: string | string[];
          /** @description Created at most (ISO 8601 date-time) */
          'createdAt.max'?: string | string[];
          /** @description Created at least (ISO 8601 date-time) */
          'createdAt.min'?: string | string[];
          /** @description Duration at most (seconds) */
          'duration.max'?: string | string[];
          /** @description Duration at least (seconds) */
          'duration.min'?: string | string[];
          /** @description Ended at most (ISO 8601 date-time) */
          'endedAt.max'?: string | string[];
          /** @description Ended at least (ISO 8601 date-time) */
          'endedAt.min'?: string | string[];
          /** @description End reason: comma-separated values (any of); "(empty)" = no value */
          endReason?: string | string[];
          /** @description External ID equals */
          externalId?: string | string[];
          /** @description External ID contains (case-insensitive) */
          'externalId.contains'?: string | string[];
          /** @description External ID is empty: true or false */
          'externalId.empty'?: string | string[];
          /** @description Feedback equals */
          feedback?: string | string[];
          /** @description Feedback contains (case-insensitive) */
          'feedback.contains'?: string | string[];
          /** @description Feedback is empty: true or false */
          'feedback.empty'?: string | string[];
          /** @description Group: comma-separated values (any of); "(empty)" = no value */
          group?: string | string[];
          /** @description Recording: comma-separated values (any of); "(empty)" = no value */
          hasRecording?: string | string[];
          /** @description ID equals */
          id?: string | string[];
          /** @description ID contains (case-insensitive) */
          'id.contains'?: string | string[];
          /** @description ID is empty: true or false */
          'id.empty'?: string | string[];
          /** @description Language: comma-separated values (any of); "(empty)" = no value */
          language?: string | string[];
          /** @description Messages at most (number) */
          'messageCount.max'?: string | string[];
          /** @description Messages at least (number) */
          'messageCount.min'?: string | string[];
          /** @description Operator: comma-separated values (any of); "(empty)" = no value */
          operator?: string | string[];
          /** @description Operating system: comma-separated values (any of); "(empty)" = no value */
          os?: string | string[];
          /** @description Page URL equals */
          pageUrl?: string | string[];
          /** @description Page URL contains (case-insensitive) */
          'pageUrl.contains'?: string | string[];
          /** @description Page URL is empty: true or false */
          'pageUrl.empty'?: string | string[];
          /** @description content search, as for the list */
          q?: string;
          /** @description Rating at most (number) */
          'rating.max'?: string | string[];
          /** @description Rating at least (number) */
          'rating.min'?: string | string[];
          /** @description Restored as equals */
          restoredAs?: string | string[];
          /** @description Restored as contains (case-insensitive) */
          'restoredAs.contains'?: string | string[];
          /** @description Restored as is empty: true or false */
          'restoredAs.empty'?: string | string[];
          /** @description Restored from equals */
          restoredFrom?: string | string[];
          /** @description Restored from contains (case-insensitive) */
          'restoredFrom.contains'?: string | string[];
          /** @description Restored from is empty: true or false */
          'restoredFrom.empty'?: string | string[];
          /** @description Source: comma-separated values (any of); "(empty)" = no value */
          source?: string | string[];
          /** @description Status: comma-separated values (any of); "(empty)" = no value */
          status?: string | string[];
          /** @description Tags: comma-separated values (any of); "(empty)" = no value */
          tags?: string | string[];
          view?: 'history' | 'live';
          /** @description Waiting time at most (seconds) */
          'waitingTime.max'?: string | string[];
          /** @description Waiting time at least (seconds) */
          'waitingTime.min'?: string | string[];
          /** @description Widget: comma-separated values (any of); "(empty)" = no value */
          widget?: string | string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              total: number;
              /** @description true: counting took too long; total is an estimate of this query from a sample of the sessions */
              totalIsEstimate: boolean;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The filtered sessions as CSV for Excel (UTF-8 with BOM, CRLF, ";" by default)
     * @description Exactly the sessions GET /api/v1/sessions lists for the same parameters, in its order, with the chosen columns. Times are YYYY-MM-DD HH:MM:SS in `tz` (default: the tenant time zone setting, Europe/Prague unless changed), durations whole seconds. Cells longer than 32,000 characters are cut with a visible marker; text starting with = + - @ tab or CR gets a leading ' so it never runs as a formula. Up to 10,000 sessions; more → 409, use POST /api/v1/exports.
     */
    get: {
      parameters: {
        query?: {
          /** @description Accepted at most (ISO 8601 date-time) */
          'acceptedAt.max'?: string | string[];
          /** @description Accepted at least (ISO 8601 date-time) */
          'acceptedAt.min'?: string | string[];
          /** @description Banned: comma-separated values (any of); "(empty)" = no value */
          banned?: string | string[];
          /** @description Browser: comma-separated values (any of); "(empty)" = no value */
          browser?: string | string[];
          /** @description Channel: comma-separated values (any of); "(empty)" = no value */
          channel?: string | string[];
          /** @description Chatbot: comma-separated values (any of); "(empty)" = no value */
          chatbot?: string | string[];
          /** @description Client e-mail equals */
          clientEmail?: string | string[];
          /** @description Client e-mail contains (case-insensitive) */
          'clientEmail.contains'?: string | string[];
          /** @description Client e-mail is empty: true or false */
          'clientEmail.empty'?: string | string[];
          /** @description IP address equals */
          clientIp?: string | string[];
          /** @description IP address contains (case-insensitive) */
          'clientIp.contains'?: string | string[];
          /** @description IP address is empty: true or false */
          'clientIp.empty'?: string | string[];
          /** @description Client left: comma-separated values (any of); "(empty)" = no value */
          clientLeft?: string | string[];
          /** @description Client equals */
          clientName?: string | string[];
          /** @description Client contains (case-insensitive) */
          'clientName.contains'?: string | string[];
          /** @description Client is empty: true or false */
          'clientName.empty'?: string | string[];
          /** @description Client phone equals */
          clientPhone?: string | string[];
          /** @description Client phone contains (case-insensitive) */
          'clientPhone.contains'?: string | string[];
          /** @description Client phone is empty: true or false */
          'clientPhone.empty'?: string | string[];
          /** @description column ids in the order wanted, comma-separated (`\,` for a comma inside an id) or as repeated `columns=` values taken whole; default: the default-visible columns */
          columns?: string | string[];
          /** @description Created at most (ISO 8601 date-time) */
          'createdAt.max'?: string | string[];
          /** @description Created at least (ISO 8601 date-time) */
          'createdAt.min'?: string | string[];
          /** @description nextCursor of the previous page */
          cursor?: string;
          /** @description Duration at most (seconds) */
          'duration.max'?: string | string[];
          /** @description Duration at least (seconds) */
          'duration.min'?: string | string[];
          /** @description Ended at most (ISO 8601 date-time) */
          'endedAt.max'?: string | string[];
          /** @description Ended at least (ISO 8601 date-time) */
          'endedAt.min'?: string | string[];
          /** @description End reason: comma-separated values (any of); "(empty)" = no value */
          endReason?: string | string[];
          /** @description External ID equals */
          externalId?: string | string[];
          /** @description External ID contains (case-insensitive) */
          'externalId.contains'?: string | string[];
          /** @description External ID is empty: true or false */
          'externalId.empty'?: string | string[];
          /** @description Feedback equals */
          feedback?: string | string[];
          /** @description Feedback contains (case-insensitive) */
          'feedback.contains'?: string | string[];
          /** @description Feedback is empty: true or false */
          'feedback.empty'?: string | string[];
          /** @description Group: comma-separated values (any of); "(empty)" = no value */
          group?: string | string[];
          /** @description Recording: comma-separated values (any of); "(empty)" = no value */
          hasRecording?: string | string[];
          /** @description ID equals */
          id?: string | string[];
          /** @description ID contains (case-insensitive) */
          'id.contains'?: string | string[];
          /** @description ID is empty: true or false */
          'id.empty'?: string | string[];
          /** @description language of headers and enumeration labels */
          lang?: 'cs' | 'en';
          /** @description Language: comma-separated values (any of); "(empty)" = no value */
          language?: string | string[];
          limit?: number;
          /** @description Messages at most (number) */
          'messageCount.max'?: string | string[];
          /** @description Messages at least (number) */
          'messageCount.min'?: string | string[];
          /** @description Operator: comma-separated values (any of); "(empty)" = no value */
          operator?: string | string[];
          /** @description Operating system: comma-separated values (any of); "(empty)" = no value */
          os?: string | string[];
          /** @description Page URL equals */
          pageUrl?: string | string[];
          /** @description Page URL contains (case-insensitive) */
          'pageUrl.contains'?: string | string[];
          /** @description Page URL is empty: true or false */
          'pageUrl.empty'?: string | string[];
          /** @description content search: words (roots, prefixes), "quoted phrases" */
          q?: string;
          /** @description Rating at most (number) */
          'rating.max'?: string | string[];
          /** @description Rating at least (number) */
          'rating.min'?: string | string[];
          /** @description Restored as equals */
          restoredAs?: string | string[];
          /** @description Restored as contains (case-insensitive) */
          'restoredAs.contains'?: string | string[];
          /** @description Restored as is empty: true or false */
          'restoredAs.empty'?: string | string[];
          /** @description Restored from equals */
          restoredFrom?: string | string[];
          /** @description Restored from contains (case-insensitive) */
          'restoredFrom.contains'?: string | string[];
          /** @description Restored from is empty: true or false */
          'restoredFrom.empty'?: string | string[];
          /** @description semicolon (Excel with Czech regional settings) or comma (English settings); default: the tenant's setting */
          separator?: 'semicolon' | 'comma';
          /** @description <columnId> or -<columnId> */
          sort?: string;
          /** @description Source: comma-separated values (any of); "(empty)" = no value */
          source?: string | string[];
          /** @description Status: comma-separated values (any of); "(empty)" = no value */
          status?: string | string[];
          /** @description Tags: comma-separated values (any of); "(empty)" = no value */
          tags?: string | string[];
          /** @description add a column with each transcript */
          transcript?: 'true' | 'false';
          /** @description time zone of the times (YYYY-MM-DD HH:MM:SS, which Excel reads as a date-time); default: the tenant's setting */
          tz?: string;
          view?: 'history' | 'live';
          /** @description Waiting time at most (seconds) */
          'waitingTime.max'?: string | string[];
          /** @description Waiting time at least (seconds) */
          'waitingTime.min'?: string | string[];
          /** @description Widget: comma-separated values (any of); "(empty)" = no value */
          widget?: string | string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the CSV file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description export.too_large: more sessions than a direct export carries; use POST /api/v1/exports */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/csv': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/export.html': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The filtered sessions and their transcripts as one self-contained, searchable HTML file
     * @description The same sessions as the list for the same parameters, with the chosen columns and each full transcript; works offline, makes no requests, finds text without diacritics. Up to 10,000 sessions; more → 409.
     */
    get: {
      parameters: {
        query?: {
          /** @description Accepted at most (ISO 8601 date-time) */
          'acceptedAt.max'?: string | string[];
          /** @description Accepted at least (ISO 8601 date-time) */
          'acceptedAt.min'?: string | string[];
          /** @description Banned: comma-separated values (any of); "(empty)" = no value */
          banned?: string | string[];
          /** @description Browser: comma-separated values (any of); "(empty)" = no value */
          browser?: string | string[];
          /** @description Channel: comma-separated values (any of); "(empty)" = no value */
          channel?: string | string[];
          /** @description Chatbot: comma-separated values (any of); "(empty)" = no value */
          chatbot?: string | string[];
          /** @description Client e-mail equals */
          clientEmail?: string | string[];
          /** @description Client e-mail contains (case-insensitive) */
          'clientEmail.contains'?: string | string[];
          /** @description Client e-mail is empty: true or false */
          'clientEmail.empty'?: string | string[];
          /** @description IP address equals */
          clientIp?: string | string[];
          /** @description IP address contains (case-insensitive) */
          'clientIp.contains'?: string | string[];
          /** @description IP address is empty: true or false */
          'clientIp.empty'?: string | string[];
          /** @description Client left: comma-separated values (any of); "(empty)" = no value */
          clientLeft?: string | string[];
          /** @description Client equals */
          clientName?: string | string[];
          /** @description Client contains (case-insensitive) */
          'clientName.contains'?: string | string[];
          /** @description Client is empty: true or false */
          'clientName.empty'?: string | string[];
          /** @description Client phone equals */
          clientPhone?: string | string[];
          /** @description Client phone contains (case-insensitive) */
          'clientPhone.contains'?: string | string[];
          /** @description Client phone is empty: true or false */
          'clientPhone.empty'?: string | string[];
          /** @description column ids in the order wanted, comma-separated (`\,` for a comma inside an id) or as repeated `columns=` values taken whole; default: the default-visible columns */
          columns?: string | string[];
          /** @description Created at most (ISO 8601 date-time) */
          'createdAt.max'?: string | string[];
          /** @description Created at least (ISO 8601 date-time) */
          'createdAt.min'?: string | string[];
          /** @description nextCursor of the previous page */
          cursor?: string;
          /** @description Duration at most (seconds) */
          'duration.max'?: string | string[];
          /** @description Duration at least (seconds) */
          'duration.min'?: string | string[];
          /** @description Ended at most (ISO 8601 date-time) */
          'endedAt.max'?: string | string[];
          /** @description Ended at least (ISO 8601 date-time) */
          'endedAt.min'?: string | string[];
          /** @description End reason: comma-separated values (any of); "(empty)" = no value */
          endReason?: string | string[];
          /** @description External ID equals */
          externalId?: string | string[];
          /** @description External ID contains (case-insensitive) */
          'externalId.contains'?: string | string[];
          /** @description External ID is empty: true or false */
          'externalId.empty'?: string | string[];
          /** @description Feedback equals */
          feedback?: string | string[];
          /** @description Feedback contains (case-insensitive) */
          'feedback.contains'?: string | string[];
          /** @description Feedback is empty: true or false */
          'feedback.empty'?: string | string[];
          /** @description Group: comma-separated values (any of); "(empty)" = no value */
          group?: string | string[];
          /** @description Recording: comma-separated values (any of); "(empty)" = no value */
          hasRecording?: string | string[];
          /** @description ID equals */
          id?: string | string[];
          /** @description ID contains (case-insensitive) */
          'id.contains'?: string | string[];
          /** @description ID is empty: true or false */
          'id.empty'?: string | string[];
          /** @description language of headers and enumeration labels */
          lang?: 'cs' | 'en';
          /** @description Language: comma-separated values (any of); "(empty)" = no value */
          language?: string | string[];
          limit?: number;
          /** @description Messages at most (number) */
          'messageCount.max'?: string | string[];
          /** @description Messages at least (number) */
          'messageCount.min'?: string | string[];
          /** @description Operator: comma-separated values (any of); "(empty)" = no value */
          operator?: string | string[];
          /** @description Operating system: comma-separated values (any of); "(empty)" = no value */
          os?: string | string[];
          /** @description Page URL equals */
          pageUrl?: string | string[];
          /** @description Page URL contains (case-insensitive) */
          'pageUrl.contains'?: string | string[];
          /** @description Page URL is empty: true or false */
          'pageUrl.empty'?: string | string[];
          /** @description content search: words (roots, prefixes), "quoted phrases" */
          q?: string;
          /** @description Rating at most (number) */
          'rating.max'?: string | string[];
          /** @description Rating at least (number) */
          'rating.min'?: string | string[];
          /** @description Restored as equals */
          restoredAs?: string | string[];
          /** @description Restored as contains (case-insensitive) */
          'restoredAs.contains'?: string | string[];
          /** @description Restored as is empty: true or false */
          'restoredAs.empty'?: string | string[];
          /** @description Restored from equals */
          restoredFrom?: string | string[];
          /** @description Restored from contains (case-insensitive) */
          'restoredFrom.contains'?: string | string[];
          /** @description Restored from is empty: true or false */
          'restoredFrom.empty'?: string | string[];
          /** @description <columnId> or -<columnId> */
          sort?: string;
          /** @description Source: comma-separated values (any of); "(empty)" = no value */
          source?: string | string[];
          /** @description Status: comma-separated values (any of); "(empty)" = no value */
          status?: string | string[];
          /** @description Tags: comma-separated values (any of); "(empty)" = no value */
          tags?: string | string[];
          /** @description time zone of the times (YYYY-MM-DD HH:MM:SS, which Excel reads as a date-time); default: the tenant's setting */
          tz?: string;
          view?: 'history' | 'live';
          /** @description Waiting time at most (seconds) */
          'waitingTime.max'?: string | string[];
          /** @description Waiting time at least (seconds) */
          'waitingTime.min'?: string | string[];
          /** @description Widget: comma-separated values (any of); "(empty)" = no value */
          widget?: string | string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the HTML file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description export.too_large: more sessions than a direct export carries; use POST /api/v1/exports */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/facets/{column}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A column's values with counts under the other filters, most frequent first */
    get: {
      parameters: {
        query?: {
          /** @description Accepted at most (ISO 8601 date-time) */
          'acceptedAt.max'?: string | string[];
          /** @description Accepted at least (ISO 8601 date-time) */
          'acceptedAt.min'?: string | string[];
          /** @description Banned: comma-separated values (any of); "(empty)" = no value */
          banned?: string | string[];
          /** @description Browser: comma-separated values (any of); "(empty)" = no value */
          browser?: string | string[];
          /** @description Channel: comma-separated values (any of); "(empty)" = no value */
          channel?: string | string[];
          /** @description Chatbot: comma-separated values (any of); "(empty)" = no value */
          chatbot?: string | string[];
          /** @description Client e-mail equals */
          clientEmail?: string | string[];
          /** @description Client e-mail contains (case-insensitive) */
          'clientEmail.contains'?: string | string[];
          /** @description Client e-mail is empty: true or false */
          'clientEmail.empty'?: string | string[];
          /** @description IP address equals */
          clientIp?: string | string[];
          /** @description IP address contains (case-insensitive) */
          'clientIp.contains'?: string | string[];
          /** @description IP address is empty: true or false */
          'clientIp.empty'?: string | string[];
          /** @description Client left: comma-separated values (any of); "(empty)" = no value */
          clientLeft?: string | string[];
          /** @description Client equals */
          clientName?: string | string[];
          /** @description Client contains (case-insensitive) */
          'clientName.contains'?: string | string[];
          /** @description Client is empty: true or false */
          'clientName.empty'?: string | string[];
          /** @description Client phone equals */
          clientPhone?: string | string[];
          /** @description Client phone contains (case-insensitive) */
          'clientPhone.contains'?: string | string[];
          /** @description Client phone is empty: true or false */
          'clientPhone.empty'?: string | string[];
          /** @description Created at most (ISO 8601 date-time) */
          'createdAt.max'?: string | string[];
          /** @description Created at least (ISO 8601 date-time) */
          'createdAt.min'?: string | string[];
          /** @description Duration at most (seconds) */
          'duration.max'?: string | string[];
          /** @description Duration at least (seconds) */
          'duration.min'?: string | string[];
          /** @description Ended at most (ISO 8601 date-time) */
          'endedAt.max'?: string | string[];
          /** @description Ended at least (ISO 8601 date-time) */
          'endedAt.min'?: string | string[];
          /** @description End reason: comma-separated values (any of); "(empty)" = no value */
          endReason?: string | string[];
          /** @description true: count exactly however long it takes, never estimate (countsAreEstimates is false) */
          exact?: 'true' | 'false';
          /** @description External ID equals */
          externalId?: string | string[];
          /** @description External ID contains (case-insensitive) */
          'externalId.contains'?: string | string[];
          /** @description External ID is empty: true or false */
          'externalId.empty'?: string | string[];
          /** @description Feedback equals */
          feedback?: string | string[];
          /** @description Feedback contains (case-insensitive) */
          'feedback.contains'?: string | string[];
          /** @description Feedback is empty: true or false */
          'feedback.empty'?: string | string[];
          /** @description Group: comma-separated values (any of); "(empty)" = no value */
          group?: string | string[];
          /** @description Recording: comma-separated values (any of); "(empty)" = no value */
          hasRecording?: string | string[];
          /** @description ID equals */
          id?: string | string[];
          /** @description ID contains (case-insensitive) */
          'id.contains'?: string | string[];
          /** @description ID is empty: true or false */
          'id.empty'?: string | string[];
          /** @description Language: comma-separated values (any of); "(empty)" = no value */
          language?: string | string[];
          limit?: number;
          /** @description Messages at most (number) */
          'messageCount.max'?: string | string[];
          /** @description Messages at least (number) */
          'messageCount.min'?: string | string[];
          /** @description Operator: comma-separated values (any of); "(empty)" = no value */
          operator?: string | string[];
          /** @description Operating system: comma-separated values (any of); "(empty)" = no value */
          os?: string | string[];
          /** @description Page URL equals */
          pageUrl?: string | string[];
          /** @description Page URL contains (case-insensitive) */
          'pageUrl.contains'?: string | string[];
          /** @description Page URL is empty: true or false */
          'pageUrl.empty'?: string | string[];
          q?: string;
          /** @description Rating at most (number) */
          'rating.max'?: string | string[];
          /** @description Rating at least (number) */
          'rating.min'?: string | string[];
          /** @description Restored as equals */
          restoredAs?: string | string[];
          /** @description Restored as contains (case-insensitive) */
          'restoredAs.contains'?: string | string[];
          /** @description Restored as is empty: true or false */
          'restoredAs.empty'?: string | string[];
          /** @description Restored from equals */
          restoredFrom?: string | string[];
          /** @description Restored from contains (case-insensitive) */
          'restoredFrom.contains'?: string | string[];
          /** @description Restored from is empty: true or false */
          'restoredFrom.empty'?: string | string[];
          /** @description substring of the label, case- and diacritics-insensitive */
          search?: string;
          /** @description Source: comma-separated values (any of); "(empty)" = no value */
          source?: string | string[];
          /** @description Status: comma-separated values (any of); "(empty)" = no value */
          status?: string | string[];
          /** @description Tags: comma-separated values (any of); "(empty)" = no value */
          tags?: string | string[];
          view?: 'history' | 'live';
          /** @description Waiting time at most (seconds) */
          'waitingTime.max'?: string | string[];
          /** @description Waiting time at least (seconds) */
          'waitingTime.min'?: string | string[];
          /** @description Widget: comma-separated values (any of); "(empty)" = no value */
          widget?: string | string[];
        };
        header?: never;
        path: {
          column: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description true: under a content search or a filter the facet index cannot apply, counting took too long; each count is an estimate (two significant digits) from a sample of the sessions, values the sample missed are absent, and the same request with exact=true counts exactly */
              countsAreEstimates: boolean;
              truncated: boolean;
              values: {
                count: number;
                label: string;
                value: string;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/live/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server-Sent Events: live sessions appearing, changing and ending
     * @description A `text/event-stream`. Events: `session.created`, `session.updated` (data.changed lists the fields), `session.ended`, `session.routing` (a routing step: refetch GET /sessions/:id/routing), and `session.removed` (a session sent before no longer matches the filters). Each data is JSON `{ sessionId, kind, changed, session, publishedAt }`, where `session` holds the Live table fields. Comments (`: heartbeat`) every 15 s keep proxies from closing the stream. Filters: the column filters of GET /api/v1/sessions. Operators receive their own sessions unless the tenant lets them see all. No resume: after a reconnect, refetch the list (Last-Event-ID is not replayed).
     */
    get: {
      parameters: {
        query?: {
          heartbeatSeconds?: number;
          /** @description Always live; accepted so the list URL can be reused */
          view?: 'live';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/event-stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant's settings */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description how long audit events are kept */
              auditRetentionDays: number;
              /**
               * @description the CSV export's separator when a request names none
               * @enum {string}
               */
              exportSeparator: 'semicolon' | 'comma';
              /** @description how long files sent in sessions are kept (730: two years) */
              fileRetentionDays: number;
              /** @description operators may ban a client (admins and supervisors always may) */
              operatorsMayBan: boolean;
              /** @description operators see every session, not only their own */
              operatorsSeeAllSessions: boolean;
              /** @description audio/video sessions are recorded */
              recordingAv: boolean;
              /** @description phone calls are recorded */
              recordingPhone: boolean;
              /** @description how long recordings are kept */
              recordingRetentionDays: number;
              /** @description IANA time zone of exports when a request names none */
              timeZone: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change any of the settings; audited with the values before and after
     * @description Every instance applies the change at once (a NOTIFY drops their cached settings). A change to the same values writes no audit event. 400 `validation_failed` for an unknown field, a value out of range or a time zone PostgreSQL does not know.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description how long audit events are kept */
            auditRetentionDays?: number;
            /**
             * @description the CSV export's separator when a request names none
             * @enum {string}
             */
            exportSeparator?: 'semicolon' | 'comma';
            /** @description how long files sent in sessions are kept (730: two years) */
            fileRetentionDays?: number;
            /** @description operators may ban a client (admins and supervisors always may) */
            operatorsMayBan?: boolean;
            /** @description operators see every session, not only their own */
            operatorsSeeAllSessions?: boolean;
            /** @description audio/video sessions are recorded */
            recordingAv?: boolean;
            /** @description phone calls are recorded */
            recordingPhone?: boolean;
            /** @description how long recordings are kept */
            recordingRetentionDays?: number;
            /** @description IANA time zone of exports when a request names none */
            timeZone?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description how long audit events are kept */
              auditRetentionDays: number;
              /**
               * @description the CSV export's separator when a request names none
               * @enum {string}
               */
              exportSeparator: 'semicolon' | 'comma';
              /** @description how long files sent in sessions are kept (730: two years) */
              fileRetentionDays: number;
              /** @description operators may ban a client (admins and supervisors always may) */
              operatorsMayBan: boolean;
              /** @description operators see every session, not only their own */
              operatorsSeeAllSessions: boolean;
              /** @description audio/video sessions are recorded */
              recordingAv: boolean;
              /** @description phone calls are recorded */
              recordingPhone: boolean;
              /** @description how long recordings are kept */
              recordingRetentionDays: number;
              /** @description IANA time zone of exports when a request names none */
              timeZone: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant's people: role, state, groups, capacity, languages, last sign-in
     * @description Admins and supervisors; only admins change people.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                active: boolean;
                capacity: number;
                /** Format: date-time */
                createdAt: string;
                deactivatedAt: string | null;
                email: string;
                groups: {
                  id: string;
                  name: string;
                  priority: number;
                }[];
                id: string;
                languages: string[];
                lastLoginAt: string | null;
                name: string;
                /** @enum {string} */
                role: 'admin' | 'supervisor' | 'operator';
                /** @enum {string} */
                state: 'online' | 'away' | 'break' | 'offline';
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Add a person; without `password` a one-time password is generated and returned once
     * @description Body `{ email, name, role, password?, capacity?, languages? }`. 409 `users.email_taken` when the e-mail is already used in this tenant. Audited (`user.create`).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            capacity?: number;
            email: string;
            languages?: string[];
            name: string;
            password?: string;
            /** @enum {string} */
            role: 'admin' | 'supervisor' | 'operator';
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              capacity: number;
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              groups: {
                id: string;
                name: string;
                priority: number;
              }[];
              id: string;
              languages: string[];
              lastLoginAt: string | null;
              name: string;
              password: string | null;
              /** @enum {string} */
              role: 'admin' | 'supervisor' | 'operator';
              /** @enum {string} */
              state: 'online' | 'away' | 'break' | 'offline';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `users.email_taken` (the e-mail is in use) or `users.last_admin` (the last active admin would be lost) */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One person */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              capacity: number;
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              groups: {
                id: string;
                name: string;
                priority: number;
              }[];
              id: string;
              languages: string[];
              lastLoginAt: string | null;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'supervisor' | 'operator';
              /** @enum {string} */
              state: 'online' | 'away' | 'break' | 'offline';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change role, name, capacity or languages; deactivate (`active: false`) or reactivate
     * @description A deactivated user keeps their sessions and history, cannot sign in (their logins end at once), is offered no session (pending offers are handed on) and their API keys stop working. 409 `users.last_admin` when the change would leave the tenant without an active admin. Audited with the values before and after.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            capacity?: number;
            languages?: string[];
            name?: string;
            /** @enum {string} */
            role?: 'admin' | 'supervisor' | 'operator';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              capacity: number;
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              groups: {
                id: string;
                name: string;
                priority: number;
              }[];
              id: string;
              languages: string[];
              lastLoginAt: string | null;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'supervisor' | 'operator';
              /** @enum {string} */
              state: 'online' | 'away' | 'break' | 'offline';
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `users.email_taken` (the e-mail is in use) or `users.last_admin` (the last active admin would be lost) */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/users/{id}/reset-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new generated password (returned once); the person's logins end */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              password: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widgets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Web chat widgets with their public keys, allowed origins and embed snippets */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                /** @description sites allowed to start chats (Origin); empty: any */
                allowedOrigins: string[];
                /** Format: date-time */
                createdAt: string;
                embedSnippet: string;
                id: string;
                keyRotatedAt: string | null;
                name: string;
                publicKey: string;
              }[];
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** Create a web chat widget: `{ name, allowedOrigins? }` → 201 with its public key; audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            allowedOrigins?: string[];
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description sites allowed to start chats (Origin); empty: any */
              allowedOrigins: string[];
              /** Format: date-time */
              createdAt: string;
              embedSnippet: string;
              id: string;
              keyRotatedAt: string | null;
              name: string;
              publicKey: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `widgets.name_taken` */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widgets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Rename a widget or change its allowed origins; audited before/after
     * @description With allowed origins, the client API refuses a browser request from any other Origin (403 `live.origin_not_allowed`); requests without Origin (servers) are not affected.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            allowedOrigins?: string[];
            name?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description sites allowed to start chats (Origin); empty: any */
              allowedOrigins: string[];
              /** Format: date-time */
              createdAt: string;
              embedSnippet: string;
              id: string;
              keyRotatedAt: string | null;
              name: string;
              publicKey: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description `widgets.name_taken` */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/widgets/{id}/rotate-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Give the widget a new public key; the old one stops working at once; audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description sites allowed to start chats (Origin); empty: any */
              allowedOrigins: string[];
              /** Format: date-time */
              createdAt: string;
              embedSnippet: string;
              id: string;
              keyRotatedAt: string | null;
              name: string;
              publicKey: string;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description request_timeout: the body did not arrive in time */
        408: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description payload_too_large: the body is larger than this endpoint accepts */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description uri_too_long: a path segment is longer than 200 characters */
        414: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unsupported_media_type: this endpoint does not read that Content-Type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description unavailable: the database cannot be reached; try again after Retry-After seconds */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process is up */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The database answers and its schema is current */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ready';
            };
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/{type}/{accountId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A platform's webhook verification (Meta: hub.mode, hub.verify_token, hub.challenge) */
    get: {
      parameters: {
        query?: {
          'hub.challenge'?: string;
          'hub.mode'?: string;
          'hub.verify_token'?: string;
        };
        header?: never;
        path: {
          accountId: string;
          type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description channels.invalid_signature: the body is not signed with the account’s secret */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description channels.verification_failed or channels.account_disabled */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /** A platform's webhook: messages and statuses in the platform's own format, signed */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          accountId: string;
          type: 'messenger' | 'whatsapp' | 'apple' | 'vkontakte';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': string;
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description channels.invalid_signature: the body is not signed with the account’s secret */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description channels.verification_failed or channels.account_disabled */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Every error: a stable code and a sentence for people. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              message: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
