import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from './test-support/test-app.ts';

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', inject('postgresUrl'));
  });
  afterAll(async () => t.close());

  it('is a valid OpenAPI 3 document whose every $ref resolves', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(JSON.stringify(document)).not.toContain('#/components/schemas/schema0');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
