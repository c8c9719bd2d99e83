/**
 * The old-generation size `rapport import` runs with, in MB. Without a limit V8 sizes the heap
 * from the machine's memory and collects late: importing ten million appointments peaked at
 * 1.44 GB on a 24 GB machine, almost all of it garbage of the main thread, where a 384 MB old
 * generation kept slots.csv of that practice at 663 MB at the same speed (docs/BENCHMARKS.md).
 */
export const IMPORT_HEAP_MB = 512;

/** The variable that sets the limit (`0` runs without one). */
export const IMPORT_HEAP_VARIABLE = 'RAPPORT_IMPORT_HEAP_MB';

const SETS_HEAP = /--max-old-space-size\b/;

/**
 * The Node.js flags to run the CLI again with, so that an import runs under its heap limit, or
 * null to run as is: another command, a limit set already (by the flags of this process or
 * NODE_OPTIONS), or the variable at `0`. A value of the variable that is not a whole number of
 * at least 64 MB is refused, so that a typo does not silently lift the limit.
 */
export function importHeapFlags(
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] | null {
  if (argv[0] !== 'import') return null;
  if (execArgv.some((f) => SETS_HEAP.test(f)) || SETS_HEAP.test(env.NODE_OPTIONS ?? '')) {
    return null;
  }
  const given = env[IMPORT_HEAP_VARIABLE];
  let mb = IMPORT_HEAP_MB;
  if (given !== undefined && given.trim() !== '') {
    mb = Number(given);
    if (mb === 0) return null;
    if (!Number.isInteger(mb) || mb < 64) {
      throw new Error(
        `${IMPORT_HEAP_VARIABLE}=${given}: give the heap limit in whole MB, at least 64, or 0 for none`,
      );
    }
  }
  return [`--max-old-space-size=${mb}`];
}
