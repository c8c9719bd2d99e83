import { formatCount, type Formatter } from '../lib/format';

/** The counts of an import or of one of its files, as the API and the CLI summary give them. */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

/** The header cells of an import's counts (the imports list and an upload's result). */
export function ImportCountHeads() {
  return (
    <>
      {['New', 'Updated', 'Unchanged', 'Rejected', 'Warnings'].map((h) => (
        <th key={h} scope="col" className="num">
          {h}
        </th>
      ))}
    </>
  );
}

/** The count cells, rejected rows marked. */
export function ImportCountCells({ fmt, c }: { fmt: Formatter; c: ImportCounts }) {
  return (
    <>
      <td className="num">{formatCount(fmt, c.inserted)}</td>
      <td className="num">{formatCount(fmt, c.updated)}</td>
      <td className="num">{formatCount(fmt, c.unchanged)}</td>
      <td className={`num${c.rejected > 0 ? ' warn' : ''}`}>{formatCount(fmt, c.rejected)}</td>
      <td className="num">{formatCount(fmt, c.warnings)}</td>
    </>
  );
}
