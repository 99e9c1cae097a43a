import pino from 'pino';
import { validIdentityRequest } from '../identity/dto/update-identity.fixture';
import { LOG_REDACTION } from './log-redaction';

function logged(entry: object): string {
  const lines: string[] = [];
  pino({ redact: LOG_REDACTION }, { write: (line: string) => lines.push(line) }).info(entry);
  return lines.join('');
}

describe('LOG_REDACTION', () => {
  it('censors credentials and identity fields wherever a careless log line would put them', () => {
    const identity = validIdentityRequest();
    const output = logged({
      req: {
        headers: { authorization: 'Bearer end-user-jwt', cookie: 'session=cookie-value' },
        body: identity,
      },
      res: { headers: { 'set-cookie': 'session=cookie-value' }, body: identity },
      upstream: { headers: { authorization: 'Bearer upstream-token' }, ...identity },
      token: { access_token: 'upstream-token', client_secret: 'client-secret' },
      person: identity.person,
      document: identity.document,
    });
    for (const value of [
      'end-user-jwt',
      'upstream-token',
      'cookie-value',
      'client-secret',
      identity.person.givenName,
      identity.person.familyName,
      identity.person.birthdate,
      identity.person.address.line1,
      identity.document.number,
    ]) {
      expect(output).not.toContain(value);
    }
    expect(output).toContain('[redacted]');
  });

  it('keeps what a request line needs', () => {
    const output = JSON.parse(
      logged({
        req: { id: 'r-1', method: 'PATCH', path: '/me/identity' },
        res: { statusCode: 200 },
      }),
    );
    expect(output).toMatchObject({
      req: { id: 'r-1', method: 'PATCH', path: '/me/identity' },
      res: { statusCode: 200 },
    });
  });
});
