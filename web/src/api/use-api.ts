import { useEffect, useState } from 'react';

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

/**
 * Runs `load` whenever `key` changes and returns its state. An answer that arrives after the key
 * changed again is dropped, so a fast period change never shows stale figures.
 */
export function useApi<T>(key: string | null, load: () => Promise<T>): Loadable<T> {
  const [result, setResult] = useState<{ key: string | null; value: Loadable<T> }>({
    key: null,
    value: { state: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (data) => live && setResult({ key, value: { state: 'ready', data } }),
      (error: unknown) =>
        live &&
        setResult({
          key,
          value: {
            state: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return result.key === key && key !== null ? result.value : { state: 'loading' };
}
