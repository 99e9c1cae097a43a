import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

type Schemas = components['schemas'];

/** `GET` and `PATCH /me/identity` answer this. */
export type Identity = Schemas['Identity'];
/** The body of `PATCH /me/identity`: a document submission, or an electronic verification. */
export type UpdateIdentityRequest =
  Schemas['DocumentSubmissionRequest'] | Schemas['ElectronicVerificationRequest'];
/** The body of `POST /me/identity/files`: the context decides the allowed content types. */
export type UploadSlotRequest =
  | Schemas['DocumentUploadSlotRequest']
  | Schemas['ImageUploadSlotRequest']
  | Schemas['VideoUploadSlotRequest'];
/** `POST /me/identity/files` answers this: upload the bytes to `upload.url`. */
export type UploadSlot = Schemas['UploadSlot'];
/** Every error body (`application/problem+json`). */
export type Problem = Schemas['Problem'];
/** One broken rule of a 400 or 422 problem. */
export type FieldError = Schemas['FieldError'];
/** A liveness or readiness answer. */
export type HealthCheck = Schemas['HealthCheck'];

/** The client: `client.GET('/me/identity')` answers `{ data, error, response }`. */
export type IdentityClient = Client<paths>;

/** The end user's current JWT; none sends no `Authorization` header (the BFF answers 401). */
export type TokenSource = () => string | undefined | Promise<string | undefined>;

/** openapi-fetch's options (a `fetch` of your own, default headers...), but the base URL. */
export type IdentityClientOptions = Omit<ClientOptions, 'baseUrl'>;

function bearerToken(getToken: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const token = await getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

/**
 * A typed client of the identity BFF at `baseUrl` (its origin, e.g. `https://api.example.com`),
 * asking `getToken` for the user's JWT before every request.
 */
export function createIdentityClient(
  baseUrl: string,
  getToken: TokenSource,
  options: IdentityClientOptions = {},
): IdentityClient {
  const client = createClient<paths>({ ...options, baseUrl });
  client.use(bearerToken(getToken));
  return client;
}
