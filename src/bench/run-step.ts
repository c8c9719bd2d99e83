import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importHeapFlags } from '../cli/import-heap.js';

export interface StepResult {
  ms: number;
  rows: number;
  maxRssMb: number;
  extra?: Record<string, unknown>;
}

const STEP_MAIN = fileURLToPath(new URL('./step-main.ts', import.meta.url));

/** Steps that import, run under the heap limit `rapport import` runs under. */
const IMPORTS = new Set(['import', 'reimport']);

/**
 * Runs one measured step in a child process so that its peak memory is its own, and returns what
 * the step printed as its last JSON line.
 */
export function runStep(name: string, args: Record<string, unknown>): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...((IMPORTS.has(name) && importHeapFlags(['import'], [], process.env)) || []),
        '--import',
        'tsx',
        '--expose-gc',
        STEP_MAIN,
        name,
        JSON.stringify(args),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`bench step ${name} exited ${code}: ${out}`));
      try {
        resolve(JSON.parse(last) as StepResult);
      } catch {
        reject(new Error(`bench step ${name} printed no result: ${out}`));
      }
    });
  });
}
