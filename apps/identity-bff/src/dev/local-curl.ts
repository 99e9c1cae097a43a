/** What `npm run local` prints: where things run and curl commands that work as pasted into bash. */
export interface LocalBanner {
  baseUrl: string;
  upstreamUrl: string;
  token: string;
  corsOrigins: readonly string[];
}

// node (there for `npm run local`) turns the slot into curl config lines: every formData field, then the URL.
const SLOT_TO_CURL_CONFIG =
  `const { upload } = JSON.parse(process.argv[1]); ` +
  `for (const [name, value] of Object.entries(upload.formData)) console.log("form-string = " + JSON.stringify(name + "=" + value)); ` +
  `console.log("url = " + JSON.stringify(upload.url))`;

export function localCurlExamples({
  baseUrl,
  upstreamUrl,
  token,
  corsOrigins,
}: LocalBanner): string {
  const auth = `-H 'Authorization: Bearer ${token}'`;
  const json = `-H 'Content-Type: application/json'`;
  const slotRequest = JSON.stringify({ context: 'photo-selfie', contentType: 'image/png' });
  const identity = JSON.stringify({
    media: [{ context: 'photo-selfie', fileId: '@FILE_ID@' }],
    provider: 'veriff',
    verifiedAt: '2020-01-01T00:00:00Z',
    document: { type: 'passport', number: '7700225VH', country: 'GB' },
    person: { givenName: 'John', familyName: 'Doe', birthdate: '1987-09-04' },
  }).replace('@FILE_ID@', `'"$(node -p 'JSON.parse(process.argv[1]).fileId' "$SLOT")"'`);
  const origins = corsOrigins.length > 0 ? corsOrigins.join(', ') : 'none';
  return [
    '',
    `identity BFF (local) on ${baseUrl}, upstream simulator on ${upstreamUrl}`,
    `browser origins allowed (BFF and upload.url): ${origins}; CORS_ORIGINS=<origin>,<origin> changes them`,
    'a development token (12 h) is in the commands below; the BFF trusts it only in this local run',
    '',
    'read the identity:',
    `curl -s ${auth} ${baseUrl}/me/identity`,
    '',
    'the whole flow, in one bash shell:',
    '',
    '1. reserve an upload slot for a selfie (the answer is kept in $SLOT):',
    `SLOT=$(curl -s -X POST ${auth} ${json} -d '${slotRequest}' ${baseUrl}/me/identity/files); echo "$SLOT"`,
    '',
    '2. upload the file to upload.url: a multipart form POST with every upload.formData field, then the file (204: stored):',
    `printf 'selfie bytes' > selfie.png`,
    `node -e '${SLOT_TO_CURL_CONFIG}' "$SLOT" | curl -s -K - -F 'file=@selfie.png;type=image/png' -w '%{http_code}\\n'`,
    '',
    '3. submit the identity, naming the uploaded file:',
    `curl -s -X PATCH ${auth} ${json} -d '${identity}' ${baseUrl}/me/identity`,
    '',
    'stop with Ctrl-C',
    '',
  ].join('\n');
}
