/** application/x-www-form-urlencoded encoding of one value (space as `+`), as RFC 6749 §2.3.1 asks. */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** `Basic` credentials: base64(urlencode(id) ":" urlencode(secret)), so `:` in a secret survives. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const pair = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}
