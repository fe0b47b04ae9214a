/** A small stack of dismissible notifications for errors that have no dialog to live in. */
import { Notification, Stack } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface NotificationInput {
  title: string;
  message: string;
  color?: 'red' | 'green' | 'blue';
}

interface Shown extends NotificationInput {
  id: number;
}

const NotifyContext = createContext<(n: NotificationInput) => void>(() => {});

export function useNotify(): (n: NotificationInput) => void {
  return useContext(NotifyContext);
}

let nextId = 1;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown[]>([]);
  const notify = useCallback((n: NotificationInput) => {
    const id = nextId++;
    // Keep the last few only; older ones are stale by then.
    setShown((current) => [...current.slice(-3), { ...n, id }]);
  }, []);
  const dismiss = useCallback((id: number) => {
    setShown((current) => current.filter((n) => n.id !== id));
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Stack pos="fixed" bottom={16} right={16} w={380} gap="xs" style={{ zIndex: 1000 }}>
        {shown.map((n) => (
          <Notification
            key={n.id}
            role="alert"
            title={n.title}
            color={n.color ?? 'red'}
            onClose={() => dismiss(n.id)}
            withBorder
          >
            {n.message}
          </Notification>
        ))}
      </Stack>
    </NotifyContext.Provider>
  );
}
