/**
 * *Create external service* and *Edit external service*: name, URL, timeout and secret. After a
 * create the dialog shows the secret once, as API keys are shown, for the service's operator.
 */
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';
import {
  emptyServiceForm,
  isServiceFormComplete,
  serviceBody,
  serviceFormOf,
  type ServiceForm,
} from './external-service-form.ts';
import {
  createExternalService,
  updateExternalService,
  type ExternalService,
} from './external-services.api.ts';

interface Props {
  opened: boolean;
  /** The service to edit; none to create one. */
  service?: ExternalService;
  onClose: () => void;
}

export function ExternalServiceDialog({ opened, service, onClose }: Props) {
  const { t } = useTranslation();
  const title = service ? t('externalServices.edit') : t('externalServices.create');
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      {opened && <ServiceFormBody key={service?.id ?? 'new'} service={service} onClose={onClose} />}
    </Modal>
  );
}

function ServiceFormBody({ service, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ServiceForm>(() =>
    service ? serviceFormOf(service) : emptyServiceForm(),
  );
  const [created, setCreated] = useState<ExternalService | null>(null);
  const save = useMutation({
    mutationFn: (f: ServiceForm) =>
      service
        ? updateExternalService(service.id, serviceBody(f))
        : createExternalService(serviceBody(f)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['external-services'] });
      if (service) onClose();
      else setCreated(saved);
    },
  });
  if (created) return <SecretShownOnce service={created} onClose={onClose} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={save.error} />
        <TextInput
          label={t('externalServices.name')}
          required
          data-autofocus
          maxLength={100}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('externalServices.url')}
          required
          type="url"
          placeholder="https://"
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
        />
        <NumberInput
          label={t('externalServices.timeout')}
          description={t('externalServices.timeoutHint')}
          min={1}
          max={86_400}
          allowDecimal={false}
          value={form.timeoutSeconds}
          onChange={(value) => setForm({ ...form, timeoutSeconds: value })}
        />
        <TextInput
          label={service ? t('externalServices.newSecret') : t('externalServices.secret')}
          description={
            service ? t('externalServices.newSecretHint') : t('externalServices.secretHint')
          }
          autoComplete="off"
          value={form.secret}
          onChange={(e) => setForm({ ...form, secret: e.currentTarget.value })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!isServiceFormComplete(form)}>
            {service ? t('actions.save') : t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SecretShownOnce({ service, onClose }: { service: ExternalService; onClose: () => void }) {
  const { t } = useTranslation();
  const secret = service.secret ?? '';
  return (
    <Stack>
      <Alert color="blue" title={t('externalServices.createdTitle', { name: service.name })}>
        {t('externalServices.secretOnce')}
      </Alert>
      <Text size="sm" fw={600} id="external-service-secret">
        {t('externalServices.secret')}
      </Text>
      <Code block aria-labelledby="external-service-secret">
        {secret}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? t('externalServices.copied') : t('externalServices.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onClose}>{t('externalServices.done')}</Button>
      </Group>
    </Stack>
  );
}
