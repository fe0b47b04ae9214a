import { describe, expect, it } from 'vitest';
import {
  emptyServiceForm,
  isServiceFormComplete,
  serviceBody,
  serviceFormOf,
} from './external-service-form.ts';

describe('the external service form', () => {
  it('trims the text and leaves a blank secret out, so that the server generates or keeps it', () => {
    const body = serviceBody({
      name: '  Lead scoring ',
      url: ' https://scoring.example.com ',
      timeoutSeconds: 60,
      secret: '   ',
    });
    expect(body).toEqual({
      name: 'Lead scoring',
      url: 'https://scoring.example.com',
      timeoutSeconds: 60,
    });
  });

  it('sends a given secret and takes the default timeout while the field is empty', () => {
    const body = serviceBody({
      ...emptyServiceForm(),
      name: 'A',
      url: 'http://a',
      timeoutSeconds: '',
      secret: 'shared-secret-1234',
    });
    expect(body).toMatchObject({ timeoutSeconds: 300, secret: 'shared-secret-1234' });
  });

  it('starts an edit from the stored values without the secret', () => {
    const form = serviceFormOf({
      id: 'x',
      name: 'CRM',
      url: 'https://crm.example.com',
      secret: 'stored',
      timeoutSeconds: 30,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(form).toEqual({
      name: 'CRM',
      url: 'https://crm.example.com',
      timeoutSeconds: 30,
      secret: '',
    });
  });

  it('is complete only with a name and a URL', () => {
    expect(isServiceFormComplete(emptyServiceForm())).toBe(false);
    expect(isServiceFormComplete({ ...emptyServiceForm(), name: 'A' })).toBe(false);
    expect(isServiceFormComplete({ ...emptyServiceForm(), name: 'A', url: 'https://a' })).toBe(
      true,
    );
  });
});
