import { Command, CommanderError } from 'commander';
import { AppError } from '../model/app-error.js';
import { EXIT, processIO, type CliIO } from './cli-io.js';
import { registerAlerts } from './alerts-command.js';
import { registerAudit } from './audit-command.js';
import { registerDemo } from './demo-command.js';
import { registerExport } from './export-command.js';
import { registerImport } from './import-command.js';
import { registerKpi } from './kpi-command.js';
import { registerPractice } from './practice-command.js';
import { registerReport } from './report-command.js';
import { registerServe } from './serve-command.js';
import { registerStart } from './start-command.js';
import { registerTarget } from './target-command.js';
import { registerToken } from './token-command.js';
import { registerUser } from './user-command.js';

/** Every command, registered on one program. Each command file exports register<Name>. */
const REGISTRARS = [
  registerStart,
  registerImport,
  registerKpi,
  registerExport,
  registerDemo,
  registerServe,
  registerPractice,
  registerToken,
  registerUser,
  registerAudit,
  registerTarget,
  registerAlerts,
  registerReport,
];

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = new Command('rapport')
    .description(
      'Practice analytics for online therapy, remote consultation and neurofeedback practices',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run `rapport --help` for usage)');
  let pending: Promise<number> = Promise.resolve(EXIT.ok);
  const run = (p: Promise<number>) => {
    pending = p;
  };
  for (const register of REGISTRARS) register(program, io, run);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await pending;
  } catch (e) {
    return reportError(e, io);
  }
}

/** Maps an error to the CLI contract: user errors exit 1 with a message, ours exit 3. */
export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (e instanceof AppError) {
    io.err(`rapport: ${e.message}\n`);
    return e.isUserError ? EXIT.badInput : EXIT.internal;
  }
  io.err(`rapport: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  if (process.env.RAPPORT_DEBUG) io.err(`${(e as Error)?.stack}\n`);
  return EXIT.internal;
}
