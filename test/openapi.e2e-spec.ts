import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { buildOpenApiJson } from '../apps/identity-bff/src/openapi/write-openapi';
import { useSimulatorAndBff } from './support/bff';

const COMMITTED = join(__dirname, '..', 'openapi.json');

describe('openapi.json', () => {
  it('is what the code describes (else: run npm run openapi and commit the file)', async () => {
    const fromCode = await buildOpenApiJson();
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== fromCode) {
      const [ours, theirs] = [fromCode.split('\n'), committed.split('\n')];
      const lines = Math.max(ours.length, theirs.length);
      const line =
        Array.from({ length: lines }, (_, index) => index).findIndex(
          (index) => ours[index] !== theirs[index],
        ) + 1;
      throw new Error(
        `openapi.json differs from the code from line ${line} (code: ${ours[line - 1]?.trim()}): ` +
          'run `npm run openapi` and commit openapi.json',
      );
    }
  });

  it('documents every route with its problem+json errors, and the request bodies with examples', () => {
    const document = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    const patch = document.paths['/me/identity'].patch;
    expect(Object.keys(patch.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '502',
      '503',
      '504',
    ]);
    expect(patch.responses['422'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/ProblemDetails',
    });
    expect(patch.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health/ready'].get.security).toBeUndefined();
    expect(document.components.schemas.PersonDto.properties.birthdate.example).toBe('1987-09-04');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/health/live',
        '/health/ready',
        '/me/identity',
        '/me/identity/files',
      ]),
    );
  });
});

describe('/docs', () => {
  const suite = useSimulatorAndBff();

  it('serves the same document at /docs-json, without a token', async () => {
    const response = await request(suite.bff.url).get('/docs-json').expect(200);
    expect(response.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('serves the Swagger UI at /docs, without a token', async () => {
    const response = await request(suite.bff.url).get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
