/** What `npm run local` prints: where things run and curl commands that work as pasted. */
export function localCurlExamples(baseUrl: string, upstreamUrl: string, token: string): string {
  const identity = JSON.stringify({
    media: [{ context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' }],
    provider: 'veriff',
    verifiedAt: '2020-01-01T00:00:00Z',
    document: { type: 'passport', number: '7700225VH', country: 'GB' },
    person: { givenName: 'John', familyName: 'Doe', birthdate: '1987-09-04' },
  });
  return [
    '',
    `identity BFF (local) on ${baseUrl}, upstream simulator on ${upstreamUrl}`,
    'a development token (12 h) is in the commands below; the BFF trusts it only in this local run',
    '',
    'read the identity:',
    `curl -s -H 'Authorization: Bearer ${token}' ${baseUrl}/me/identity`,
    '',
    'submit one:',
    `curl -s -X PATCH -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '${identity}' ${baseUrl}/me/identity`,
    '',
    'stop with Ctrl-C',
    '',
  ].join('\n');
}
