import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';

interface Props {
  opened: boolean;
  title: string;
  body: ReactNode;
  /** Also the confirm button's name, so "Delete" confirms *Delete* (SPEC §6). */
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: ApiError | null;
  /** Extra content above the buttons, e.g. validation problems before publishing. */
  children?: ReactNode;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A confirmation dialog whose failure (with any 422 problems) stays inside it. */
export function ConfirmActionDialog(props: Props) {
  const { t } = useTranslation();
  const { error } = props;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack>
        <Text size="sm">{props.body}</Text>
        {props.children}
        {error && (
          <Alert
            color="red"
            role="alert"
            title={error.problems.length > 0 ? t('confirm.resolveErrors') : undefined}
          >
            {error.problems.length > 0 ? (
              <List size="sm">
                {error.problems.map((p, i) => (
                  <List.Item key={`${p.code}-${p.nodeId ?? ''}-${i}`}>{p.message}</List.Item>
                ))}
              </List>
            ) : (
              error.message
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            color={props.danger ? 'red' : undefined}
            loading={props.pending}
            disabled={props.confirmDisabled}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
