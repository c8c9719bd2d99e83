import { useEffect, useMemo, useState } from 'react';
import { csvText, type CsvCell } from '../../../src/metrics/export/csv-text';

/**
 * "Download CSV" for a table on screen: the same rows as plain values (numbers unformatted, so
 * a spreadsheet can compute with them), built in the browser from what the page already holds.
 */
export function CsvDownload({
  filename,
  columns,
  rows,
  label = 'Download CSV',
}: {
  filename: string;
  columns: readonly string[];
  rows: readonly Record<string, CsvCell>[];
  label?: string;
}) {
  const text = useMemo(() => csvText(columns, rows), [columns, rows]);
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);
  if (!href) return null;
  return (
    <a className="download-link" href={href} download={filename}>
      {label}
    </a>
  );
}
