/**
 * A route page loaded when it is first opened: its code (and what only it uses — charts, the
 * code editor, forms) stays out of the chunks every page waits for, the journey map among them.
 * The layout and the sign-in page stay in the main chunk.
 */
import { Center, Loader } from '@mantine/core';
import { Suspense, lazy, type ComponentType } from 'react';

export const pageFallback = (
  <Center py="xl">
    <Loader />
  </Center>
);

/** `load` resolves to the page component; the result shows the loader until it has. */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  function LazyPage() {
    return (
      <Suspense fallback={pageFallback}>
        <Page />
      </Suspense>
    );
  }
  return LazyPage;
}
