import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type TaskSummary = Schemas['TaskSummaryDto'];
export type ErrorBody = Schemas['ErrorResponseDto'];

/** What the client needs to know of the session: the bearer token, and what to do when the API refuses it. */
export interface ClientSession {
  token: string;
  onUnauthenticated(): void;
}

/**
 * The typed API client: paths, parameters and bodies come from schema.d.ts, which the build generates from the
 * API's OpenAPI document, so an API change that breaks a screen breaks `npm run build`. Same origin: no base URL.
 */
export function createApiClient(session: ClientSession) {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${session.token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) session.onUnauthenticated();
      return response;
    },
  };
  client.use(auth);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The API's public routes (no token): which sign-in to show. */
export function createPublicApiClient() {
  return createClient<paths>({ baseUrl: window.location.origin });
}

export type AuthConfig = Schemas['AuthConfigDto'];
