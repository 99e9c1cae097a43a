import { parseRedisUrl, reconnectDelay, sharedClientOptions } from './redis-node-options';

describe('parseRedisUrl', () => {
  it('reads host and port of a plain URL, with no credentials and no TLS', () => {
    expect(parseRedisUrl('redis://10.0.0.7:6380')).toEqual({
      host: '10.0.0.7',
      port: 6380,
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it('defaults the port to 6379 and unwraps an IPv6 host', () => {
    expect(parseRedisUrl('redis://[::1]')).toMatchObject({ host: '::1', port: 6379 });
    expect(parseRedisUrl('redis://[fe80::2]:7000')).toMatchObject({ host: 'fe80::2', port: 7000 });
  });

  it('takes TLS from the rediss scheme', () => {
    expect(parseRedisUrl('rediss://redis.internal').tls).toBe(true);
    expect(parseRedisUrl('redis://redis.internal').tls).toBe(false);
  });

  it('decodes percent-encoded credentials', () => {
    expect(parseRedisUrl('redis://bff%40eu:p%3Ass%2Fw0rd@redis:6379')).toMatchObject({
      username: 'bff@eu',
      password: 'p:ss/w0rd',
    });
  });

  it('reads a password without a user name', () => {
    const access = parseRedisUrl('redis://:secret@redis');
    expect(access.username).toBeUndefined();
    expect(access.password).toBe('secret');
  });
});

describe('sharedClientOptions', () => {
  const plain = parseRedisUrl('redis://redis:6379');

  it('passes the credentials of the URL on to every node', () => {
    const options = sharedClientOptions(parseRedisUrl('redis://bff:secret@redis'), 1_000);
    expect(options).toMatchObject({ username: 'bff', password: 'secret' });
  });

  it('sets no credentials the URL does not have', () => {
    const options = sharedClientOptions(plain, 1_000);
    expect(options).not.toHaveProperty('username');
    expect(options).not.toHaveProperty('password');
  });

  it('fails commands at once while offline, and bounds connecting and reconnecting', () => {
    const options = sharedClientOptions(plain, 1_234);
    expect(options.disableOfflineQueue).toBe(true);
    expect(options.socket.connectTimeout).toBe(1_234);
    expect(options.socket.reconnectStrategy).toBe(reconnectDelay);
  });

  it('uses TLS for rediss URLs, with the private CA when one is given', () => {
    const tls = parseRedisUrl('rediss://redis');
    expect(sharedClientOptions(tls, 1_000, { ca: 'PEM' }).socket).toMatchObject({
      tls: true,
      ca: 'PEM',
    });
    const withoutCa = sharedClientOptions(tls, 1_000).socket;
    expect(withoutCa).toMatchObject({ tls: true });
    expect(withoutCa).not.toHaveProperty('ca');
  });

  it('uses no TLS for redis URLs, even with a CA configured', () => {
    const socket = sharedClientOptions(plain, 1_000, { ca: 'PEM' }).socket;
    expect(socket).not.toHaveProperty('tls');
    expect(socket).not.toHaveProperty('ca');
  });
});

describe('reconnectDelay', () => {
  afterEach(() => jest.restoreAllMocks());

  it('doubles from 50 ms and stops at 2 s', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 1, 2, 5, 6, 7, 30].map(reconnectDelay)).toEqual([
      50, 100, 200, 1_600, 2_000, 2_000, 2_000,
    ]);
  });

  it('adds up to 100 ms of jitter', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(reconnectDelay(0)).toBe(100);
    expect(reconnectDelay(30)).toBe(2_050);
  });
});
