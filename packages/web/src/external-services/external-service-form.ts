/**
 * The external service form's values and the request body they make. Pure, so that the rules
 * (trimmed text, a blank secret means "generate one" or "keep it") are tested outside React.
 */
import type { ExternalService, ExternalServiceBody } from './external-services.api.ts';

export interface ServiceForm {
  name: string;
  url: string;
  /** A number input's value: '' while the field is empty. */
  timeoutSeconds: number | string;
  secret: string;
}

/** Matches the server's default. */
export const defaultTimeoutSeconds = 300;

export function emptyServiceForm(): ServiceForm {
  return { name: '', url: '', timeoutSeconds: defaultTimeoutSeconds, secret: '' };
}

export function serviceFormOf(service: ExternalService): ServiceForm {
  return {
    name: service.name,
    url: service.url,
    timeoutSeconds: service.timeoutSeconds,
    secret: '',
  };
}

/** The body to send; the server checks the values and answers what is wrong with them. */
export function serviceBody(form: ServiceForm): ExternalServiceBody {
  const timeout = Number(form.timeoutSeconds);
  const secret = form.secret.trim();
  return {
    name: form.name.trim(),
    url: form.url.trim(),
    timeoutSeconds: form.timeoutSeconds === '' ? defaultTimeoutSeconds : timeout,
    ...(secret === '' ? {} : { secret }),
  };
}

/** Whether the form may be submitted at all (the rest is the server's to judge). */
export function isServiceFormComplete(form: ServiceForm): boolean {
  return form.name.trim() !== '' && form.url.trim() !== '';
}
