/** Where a command writes: injectable so tests run commands in process and read their output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
};

/** Options every command accepts. */
export interface CommonOptions {
  db?: string;
  practice: string;
}

/** The exit codes of the CLI contract (DESIGN.md). */
export const EXIT = { ok: 0, badInput: 1, partial: 2, internal: 3 } as const;
