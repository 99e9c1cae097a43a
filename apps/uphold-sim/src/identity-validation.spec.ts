import type { FieldErrorTree } from './upstream-shapes';
import { validIdentity } from '../test/sim-test-kit';
import { validateIdentityUpdate } from './identity-validation';

type Mutable = Record<string, unknown>;

/** The error tree for the doc example after `change` edits a copy of it. */
function errorsAfter(
  change: (body: Mutable & { input: Mutable; output: Mutable }) => void,
): FieldErrorTree {
  const body = structuredClone(validIdentity()) as unknown as Mutable & {
    input: Mutable;
    output: Mutable;
  };
  change(body);
  const result = validateIdentityUpdate(body);
  if (result.ok) throw new Error('expected a validation failure');
  return result.errors;
}

const leaf = (code: string) => [{ code, message: expect.any(String) }];

describe('validateIdentityUpdate', () => {
  it('accepts the example of the doc page', () => {
    expect(validateIdentityUpdate(validIdentity())).toEqual({ ok: true, value: validIdentity() });
  });

  it('collects every violation, nested per object and per media index', () => {
    const errors = errorsAfter((body) => {
      body.type = 'video-call';
      body.input.media = [
        { context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
        { context: 'photo-selfie', fileId: 42 },
        { context: 'photo-passport', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
      ];
      body.output.provider = '';
      body.output.document = { type: 'visa', number: 'X1', country: 'gb', expiresAt: '2026-13-01' };
      body.output.person = { givenName: 'x'.repeat(201), birthdate: '04/09/1987', gender: 'other' };
      body.output.verifiedAt = '2020-01-01';
    });
    expect(errors).toEqual({
      type: leaf('invalid'),
      input: {
        media: {
          '1': { context: leaf('duplicate'), fileId: leaf('invalid') },
          '2': { context: leaf('invalid') },
        },
      },
      output: {
        provider: leaf('required'),
        document: { type: leaf('invalid'), country: leaf('invalid'), expiresAt: leaf('invalid') },
        person: {
          givenName: leaf('too_long'),
          familyName: leaf('required'),
          birthdate: leaf('invalid'),
          gender: leaf('invalid'),
        },
        verifiedAt: leaf('invalid'),
      },
    });
  });

  it('rejects unknown properties at every level', () => {
    const errors = errorsAfter((body) => {
      body.userId = 'x';
      (body.input.media as Mutable[])[0].side = 'front';
      body.output.reason = 'fraud';
      (body.output.person as Mutable).middleName = 'Q';
      ((body.output.person as Mutable).address as Mutable).line3 = 'x';
    });
    expect(errors).toEqual({
      userId: leaf('unknown_property'),
      input: { media: { '0': { side: leaf('unknown_property') } } },
      output: {
        reason: leaf('unknown_property'),
        person: {
          middleName: leaf('unknown_property'),
          address: { line3: leaf('unknown_property') },
        },
      },
    });
  });

  it('requires input, output, media and document unless the type is electronic-verification', () => {
    expect(validateIdentityUpdate({})).toMatchObject({
      ok: false,
      errors: { input: leaf('required'), output: leaf('required') },
    });
    expect(errorsAfter((body) => ((body.input.media = []), delete body.output.document))).toEqual({
      input: { media: leaf('required') },
      output: { document: leaf('required') },
    });
    const electronic = validIdentity();
    delete electronic.output.document;
    expect(
      validateIdentityUpdate({
        ...electronic,
        type: 'electronic-verification',
        input: { media: [] },
      }).ok,
    ).toBe(true);
  });

  it('checks the address: country, required city and line1, subdivision of that country', () => {
    const errors = errorsAfter((body) => {
      (body.output.person as Mutable).address = { country: 'GB', subdivision: 'FR-75', line2: 7 };
    });
    expect(errors).toEqual({
      output: {
        person: {
          address: {
            city: leaf('required'),
            line1: leaf('required'),
            line2: leaf('invalid'),
            subdivision: leaf('invalid'),
          },
        },
      },
    });
  });

  it('accepts date-times with an offset or fractions, rejects a body that is not an object', () => {
    const body = validIdentity();
    body.output.verifiedAt = '2020-01-01T10:00:00.123+02:00';
    expect(validateIdentityUpdate(body).ok).toBe(true);
    expect(validateIdentityUpdate([1])).toMatchObject({
      ok: false,
      errors: { body: leaf('invalid') },
    });
  });
});
