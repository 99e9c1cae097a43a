import request from 'supertest';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { startBff, testEnv, useSimulatorAndBff } from './support/bff';
import { OTHER_USER_ID, USER_ID, userToken } from './support/test-keys';

const auth = () => `Bearer ${userToken()}`;

const suite = useSimulatorAndBff({ TRUST_PROXY: '1' });
beforeEach(() => suite.sim.reset());

const patchIdentity = (body: object = validIdentityRequest()) =>
  request(suite.bff.url).patch('/me/identity').set('Authorization', auth()).send(body);

describe('the upstream request (contract §3)', () => {
  it('maps PATCH /me/identity to PATCH /core/kyc/processes/identity with every header', async () => {
    const endUserToken = userToken();
    const response = await request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', `Bearer ${endUserToken}`)
      .set('User-Agent', 'IdentityApp/2.3 (iOS 18)')
      .set('Origin', 'https://app.example')
      .set('Accept-Language', 'pt-PT,pt;q=0.9')
      .set('X-Request-Id', 'app-req-42')
      .set('X-Forwarded-For', '198.51.100.9, 203.0.113.7')
      .send(validIdentityRequest());
    expect(response.status).toBe(200);

    const [call] = suite.sim.requestsTo('patchIdentity');
    const example = validIdentityRequest();
    expect(call.method).toBe('PATCH');
    expect(call.path).toBe('/core/kyc/processes/identity');
    expect(call.body).toStrictEqual({
      type: example.type,
      input: { media: example.media },
      output: {
        provider: example.provider,
        document: example.document,
        person: example.person,
        verifiedAt: example.verifiedAt,
      },
    });
    expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(call.headers.authorization).not.toContain(endUserToken);
    expect(call.headers).toMatchObject({
      'x-on-behalf-of': `user ${USER_ID}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'x-uphold-user-ip': '203.0.113.7',
      'x-uphold-user-agent': 'IdentityApp/2.3 (iOS 18)',
      'x-uphold-user-origin': 'https://app.example',
      'accept-language': 'pt-PT,pt;q=0.9',
      'x-request-id': 'app-req-42',
    });
    expect(response.headers['x-request-id']).toBe('app-req-42');
    expect(response.headers['x-upstream-request-id']).toEqual(expect.any(String));
  });

  it('sends no user-origin header when the request has no Origin, and forwards only known headers', async () => {
    await request(suite.bff.url)
      .get('/me/identity')
      .set('Authorization', auth())
      .set('Cookie', 'session=abc');
    const [call] = suite.sim.requestsTo('getKyc');
    expect(call.path).toBe('/core/kyc');
    expect(call.query).toEqual({ detailed: 'identity' });
    expect(call.headers['x-uphold-user-origin']).toBeUndefined();
    expect(call.headers.cookie).toBeUndefined();
  });

  it('replaces a request id that is not sane with a generated one', async () => {
    const response = await request(suite.bff.url)
      .get('/me/identity')
      .set('Authorization', auth())
      .set('X-Request-Id', 'bad id\twith "quotes"');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(suite.sim.requestsTo('getKyc')[0].headers['x-request-id']).toBe(
      response.headers['x-request-id'],
    );
  });

  it('acts for the JWT user only: body, query and headers cannot name another user', async () => {
    await request(suite.bff.url)
      .get(`/me/identity?userId=${OTHER_USER_ID}&user=${OTHER_USER_ID}`)
      .set('Authorization', auth())
      .set('X-On-Behalf-Of', `user ${OTHER_USER_ID}`)
      .set('X-User-Id', OTHER_USER_ID);
    await request(suite.bff.url)
      .patch(`/me/identity?userId=${OTHER_USER_ID}`)
      .set('Authorization', auth())
      .set('X-On-Behalf-Of', `user ${OTHER_USER_ID}`)
      .send(validIdentityRequest());
    const smuggled = await patchIdentity({ ...validIdentityRequest(), userId: OTHER_USER_ID });
    expect(smuggled.status).toBe(400);

    const calls = [...suite.sim.requestsTo('getKyc'), ...suite.sim.requestsTo('patchIdentity')];
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call.headers['x-on-behalf-of']).toBe(`user ${USER_ID}`);
    expect(JSON.stringify(calls.map((call) => [call.query, call.body]))).not.toContain(
      OTHER_USER_ID,
    );
  });

  it('forwards an electronic verification without media or document', async () => {
    const { provider, verifiedAt, person } = validIdentityRequest();
    const body = { type: 'electronic-verification', provider, verifiedAt, person };
    const response = await patchIdentity(body);
    expect(response.status).toBe(200);
    expect(suite.sim.requestsTo('patchIdentity')[0].body).toStrictEqual({
      type: 'electronic-verification',
      input: { media: [] },
      output: { provider, person, verifiedAt },
    });
  });

  it('maps POST /me/identity/files to POST /core/files with the category of the context', async () => {
    const response = await request(suite.bff.url)
      .post('/me/identity/files')
      .set('Authorization', auth())
      .send({ context: 'photo-document-back', contentType: 'application/pdf' });
    expect(response.status).toBe(201);
    const [call] = suite.sim.requestsTo('createFile');
    expect(call.body).toStrictEqual({ category: 'document', contentType: 'application/pdf' });
    expect(response.body).toStrictEqual({
      fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      context: 'photo-document-back',
      status: 'pending',
      upload: {
        url: expect.any(String),
        formData: expect.any(Object),
        expiresAt: expect.any(String),
      },
    });
  });
});

describe('the identity response (contract §1.2)', () => {
  it('is { status: pending } and nothing else before any submission', async () => {
    const response = await request(suite.bff.url).get('/me/identity').set('Authorization', auth());
    expect(response.body).toStrictEqual({ status: 'pending' });
  });

  it('masks the document number, maps running to processing and keeps the reason', async () => {
    suite.sim.setIdentityOutcome({ status: 'running', reason: 'data-mismatch' });
    const patched = await patchIdentity();
    const read = await request(suite.bff.url).get('/me/identity').set('Authorization', auth());
    for (const response of [patched, read]) {
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('processing');
      expect(response.body.reason).toBe('data-mismatch');
      expect(response.body.document.number).toBe('*****25VH');
      expect(JSON.stringify(response.body)).not.toContain('7700225VH');
    }
  });

  it('leaves out what the upstream did not return, and passes an unknown status through', async () => {
    suite.sim.setIdentityOutcome({ status: 'under-review' });
    const body: { type?: string; person: { address?: object; gender?: string } } =
      validIdentityRequest();
    delete body.type;
    delete body.person.address;
    delete body.person.gender;
    const response = await patchIdentity(body);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('under-review');
    expect(Object.keys(response.body).sort()).toEqual([
      'document',
      'media',
      'person',
      'provider',
      'status',
      'verifiedAt',
    ]);
    expect(Object.keys(response.body.person).sort()).toEqual([
      'birthdate',
      'familyName',
      'givenName',
    ]);
    expect(suite.sim.requestsTo('patchIdentity')[0].body).not.toHaveProperty('type');
    expect(suite.bff.logs.join('')).toContain(
      'unknown identity status from the upstream: under-review',
    );
  });
});

describe('upstream errors (contract §1.4)', () => {
  it('maps a 422 with nested field errors to 422 upstream_rejected with first-party paths', async () => {
    suite.sim.setFault('patchIdentity', {
      status: 422,
      times: 1,
      body: {
        code: 'validation_failed',
        errors: {
          output: {
            person: { birthdate: [{ code: 'underage', message: 'John Doe is too young' }] },
          },
          input: { media: [{ code: 'required', message: 'missing selfie' }] },
        },
      },
    });
    const response = await patchIdentity();
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'upstream_rejected', status: 422 });
    expect(response.body.errors).toEqual([
      { field: 'person.birthdate', message: expect.stringContaining('underage') },
      { field: 'media', message: expect.stringContaining('required') },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('John Doe');
    expect(response.headers['x-upstream-request-id']).toEqual(expect.any(String));
  });

  it('maps a 400 from the upstream to 422 upstream_rejected too', async () => {
    suite.sim.setFault('patchIdentity', {
      status: 400,
      times: 1,
      body: {
        code: 'validation_failed',
        errors: { output: { provider: [{ code: 'unknown_provider' }] } },
      },
    });
    const response = await patchIdentity();
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'provider', message: expect.any(String) }]);
  });

  it.each([
    [403, 403, 'upstream_forbidden'],
    [404, 404, 'not_found'],
    [409, 409, 'conflict'],
    [500, 502, 'upstream_error'],
    [503, 502, 'upstream_error'],
  ])('maps upstream %i to %i %s as problem+json', async (upstream, status, code) => {
    // a write, so that no retry hides the mapping (retries are the fault suite's subject)
    suite.sim.setFault('patchIdentity', {
      status: upstream,
      times: 1,
      body: { code: 'boom', stack: 'secret internals' },
    });
    const response = await patchIdentity();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
    expect(JSON.stringify(response.body)).not.toContain('secret internals');
  });

  it('maps upstream 429 to 429 rate_limited with its Retry-After', async () => {
    suite.sim.setFault('getKyc', { status: 429, times: 1, headers: { 'Retry-After': '17' } });
    const response = await request(suite.bff.url).get('/me/identity').set('Authorization', auth());
    expect(response.status).toBe(429);
    expect(response.body.code).toBe('rate_limited');
    expect(response.headers['retry-after']).toBe('17');
  });

  it('maps a malformed upstream body to 502 upstream_error', async () => {
    suite.sim.setFault('getKyc', { malformed: true, times: 1 });
    const response = await request(suite.bff.url).get('/me/identity').set('Authorization', auth());
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('upstream_error');
  });

  it('answers 503 upstream_unavailable with Retry-After when the upstream refuses connections', async () => {
    const closed = await startBff(testEnv('http://127.0.0.1:9', {}));
    try {
      const response = await request(closed.url).get('/me/identity').set('Authorization', auth());
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('upstream_unavailable');
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await closed.close();
    }
  });

  it('answers 504 upstream_timeout when the upstream does not answer within UPSTREAM_TIMEOUT_MS', async () => {
    const impatient = await startBff(testEnv(suite.sim.url, { UPSTREAM_TIMEOUT_MS: '300' }));
    try {
      await request(impatient.url).get('/me/identity').set('Authorization', auth()); // warm the token
      suite.sim.setFault('getKyc', { hang: true, times: 1 });
      const response = await request(impatient.url)
        .get('/me/identity')
        .set('Authorization', auth());
      expect(response.status).toBe(504);
      expect(response.body.code).toBe('upstream_timeout');
    } finally {
      await impatient.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    // 0 hops: X-Forwarded-For is ignored, the socket's address is sent
    { hops: '0', forwardedFor: '203.0.113.7', sent: '127.0.0.1' },
    // 2 hops: the address the second proxy from the BFF saw
    { hops: '2', forwardedFor: '198.51.100.9, 192.0.2.4, 203.0.113.7', sent: '192.0.2.4' },
  ])('with $hops hops, sends $sent for X-Forwarded-For $forwardedFor', async (trust) => {
    const bff = await startBff(testEnv(suite.sim.url, { TRUST_PROXY: trust.hops }));
    try {
      await request(bff.url)
        .get('/me/identity')
        .set('Authorization', auth())
        .set('X-Forwarded-For', trust.forwardedFor);
      expect(suite.sim.requestsTo('getKyc')[0].headers['x-uphold-user-ip']).toBe(trust.sent);
    } finally {
      await bff.close();
    }
  });
});
