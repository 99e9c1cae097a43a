import { flattenFieldErrors } from './uphold-error.reader';

describe('flattenFieldErrors', () => {
  it('turns the nested upstream tree into dotted paths, in our own words', () => {
    const issues = flattenFieldErrors({
      output: { person: { birthdate: [{ code: 'invalid', message: 'John was born 1987-09-04' }] } },
      input: { media: { '0': { fileId: [{ code: 'not_found' }] } } },
    });
    expect(issues).toEqual([
      { path: 'output.person.birthdate', message: 'rejected by the upstream (invalid)' },
      { path: 'input.media.0.fileId', message: 'rejected by the upstream (not_found)' },
    ]);
  });

  it('ignores what is not a tree and codes that are not plain identifiers', () => {
    expect(flattenFieldErrors('oops')).toEqual([]);
    expect(flattenFieldErrors({ a: [{ code: '<script>' }] })).toEqual([
      { path: 'a', message: 'rejected by the upstream' },
    ]);
  });
});
