/** The contract §1.1 example body of `PATCH /me/identity`, a fresh object on every call. */
export function validIdentityRequest() {
  return {
    type: 'document-submission',
    media: [
      { context: 'photo-document-front', fileId: '75e5be00-4264-4cec-ace6-598bff79932c' },
      { context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
    ],
    provider: 'veriff',
    verifiedAt: '2020-01-01T00:00:00Z',
    document: { type: 'passport', number: '7700225VH', country: 'GB', expiresAt: '2026-03-13' },
    person: {
      givenName: 'John',
      familyName: 'Doe',
      birthdate: '1987-09-04',
      gender: 'male',
      address: {
        country: 'GB',
        subdivision: 'GB-MAN',
        city: 'Manchester',
        line1: '1 High Street',
        line2: 'Northern Quarter',
        postalCode: 'M4 1AA',
      },
    },
  };
}

/** A body of `PATCH /me/identity` with every field of the wrong type, a fresh object on every call. */
export function wrongTypedIdentityRequest() {
  return {
    type: 1,
    media: [{ context: 2, fileId: 3 }],
    provider: 4,
    verifiedAt: 5,
    document: { type: [], number: 6, country: {}, expiresAt: 7 },
    person: {
      givenName: 8,
      familyName: { a: 1 },
      birthdate: true,
      gender: 9,
      address: { country: 10, subdivision: 11, city: 12, line1: [], line2: 13, postalCode: 14 },
    },
  };
}
