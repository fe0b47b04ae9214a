/**
 * The named ports a node's paths leave by (besides split and variant paths, named by their ids).
 * Apart from `definition.ts` so that code without the schemas (the map's layout worker) can use
 * them without loading zod.
 */
export const Ports = {
  next: 'next',
  timeout: 'timeout',
  other: 'other',
  timeoutOrError: 'timeoutOrError',
} as const;
