import { basicCredentials, formEncode } from './form-encoding';

describe('basicCredentials (RFC 6749 §2.3.1)', () => {
  it('form-urlencodes id and secret before base64, so reserved characters survive', () => {
    const header = basicCredentials('client id', 'p@ss:w0rd+%&é');
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded).toBe('client+id:p%40ss%3Aw0rd%2B%25%26%C3%A9');
    const [id, secret] = decoded.split(':');
    const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
    expect(formDecode(id)).toBe('client id');
    expect(formDecode(secret)).toBe('p@ss:w0rd+%&é');
  });

  it('leaves unreserved characters as they are', () => {
    expect(formEncode('abc-XYZ_0.9*')).toBe('abc-XYZ_0.9*');
  });
});
