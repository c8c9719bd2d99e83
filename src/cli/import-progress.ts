import type { ImportProgress } from '../store/import-canonical.js';
import type { CliIO } from './cli-io.js';

const WIDTH = 24;

/** A hand-drawn progress line on stderr (interactive terminals only), at most ~10 redraws/s. */
export function progressBar(io: CliIO): {
  update: (p: ImportProgress) => void;
  done: () => void;
} {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!io.interactive) return;
      const now = Date.now();
      // The start of an index build is drawn at once: the line then stands still a while.
      if (now - last < 100 && !p.indexing) return;
      last = now;
      const share = p.size > 0 ? Math.min(1, p.bytes / p.size) : 1;
      const fill = Math.round(share * WIDTH);
      const rate = Math.round(p.rows / Math.max(0.001, (now - started) / 1000));
      const amount =
        p.unit === 'records'
          ? `${p.bytes}/${p.size} records`
          : `${(p.bytes / 1_048_576).toFixed(1)}/${(p.size / 1_048_576).toFixed(1)} MB`;
      io.err(
        `\r${p.file.padEnd(20)} [${'#'.repeat(fill)}${'.'.repeat(WIDTH - fill)}] ` +
          `${String(Math.round(share * 100)).padStart(3)}%  ${p.rows} rows  ` +
          `${amount}  ${p.indexing ? 'building its indexes' : `${rate} rows/s`}\x1b[K`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
    },
  };
}
