import { pathToFileURL } from 'node:url';
import { SIZES, type Size } from './simulation-plan.js';
import { writeCanonicalFolder } from './write-canonical-folder.js';

const USAGE =
  'usage: tsx src/demo/generate-folder.ts <dir> [--size sample|small|medium|large] [--seed N]' +
  ' [--appointments N] [--months N] [--end YYYY-MM-DD] [--timezone ZONE]';

/** CLI: writes a simulated canonical folder, e.g. for benchmarks. Returns the exit code. */
export async function generateFolder(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  const dir = args.shift();
  if (!dir || dir.startsWith('--')) {
    console.error(USAGE);
    return 2;
  }
  const opts: Record<string, string> = {};
  while (args.length > 0) {
    const flag = args.shift()!;
    const value = args.shift();
    if (!flag.startsWith('--') || value === undefined) {
      console.error(USAGE);
      return 2;
    }
    opts[flag.slice(2)] = value;
  }
  const size = (opts.size ?? 'small') as Size;
  if (!SIZES.includes(size)) {
    console.error(USAGE);
    return 2;
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const started = performance.now();
  const { counts } = await writeCanonicalFolder(dir, {
    size,
    seed: num(opts.seed) ?? 1,
    targetAppointments: num(opts.appointments),
    months: num(opts.months),
    end: opts.end,
    timezone: opts.timezone,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${dir} in ${seconds}s: ${JSON.stringify(counts)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  generateFolder(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
