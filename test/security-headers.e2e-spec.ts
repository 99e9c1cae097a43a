import request from 'supertest';
import { useSimulatorAndBff } from './support/bff';
import { userToken } from './support/test-keys';

const suite = useSimulatorAndBff();

describe('security headers (helmet)', () => {
  it('sends helmet headers and a CSP that allows nothing on API answers, without x-powered-by', async () => {
    const response = await request(suite.bff.url)
      .get('/me/identity')
      .set('Authorization', `Bearer ${userToken()}`)
      .expect(200);
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('sends them on errors too', async () => {
    const response = await request(suite.bff.url).get('/me/identity').expect(401);
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('relaxes the CSP for the Swagger UI only: its own scripts, inline styles, data: images', async () => {
    const response = await request(suite.bff.url).get('/docs/').expect(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' https: 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
