import { redactOptions } from 'pino';

/** Credentials and identity fields, as property names: censored at the top level and one below. */
const SECRET_KEYS = ['access_token', 'accessToken', 'client_secret', 'clientSecret', 'token'];
const IDENTITY_KEYS = ['person', 'document', 'address', 'givenName', 'familyName', 'birthdate'];

/**
 * Never logged, even if a later change logs a whole request, response or upstream body: headers
 * that carry credentials, bodies, tokens, secrets and every identity field.
 */
export const LOG_REDACTION: redactOptions = {
  censor: '[redacted]',
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.headers.authorization',
    '*.headers.cookie',
    'req.body',
    'res.body',
    ...[...SECRET_KEYS, ...IDENTITY_KEYS].flatMap((key) => [key, `*.${key}`]),
  ],
};
