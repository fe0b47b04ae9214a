import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { login } from '../api/auth.api.ts';
import { sessionKey } from './session.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => login(email, password),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(sessionKey, user);
      void navigate('/journeys', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={380} radius="lg">
        <Stack>
          <div>
            <Text fw={800} c="indigo.7" size="sm" tt="uppercase" lts={1}>
              {t('app.name')}
            </Text>
            <Title order={2}>{t('auth.title')}</Title>
          </div>
          {signIn.error && (
            <Alert color="red" title={t('auth.failed')} role="alert">
              {signIn.error.message}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
