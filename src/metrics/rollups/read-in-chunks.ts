/**
 * Reads rows ordered by a key column in pages of about `size` rows, never splitting the rows of
 * one key across pages, and hands each page to `each`: bounded memory for whole-table passes.
 * `page(after, limit)` returns the rows with key > after (all keys when after is null), in order.
 */
export async function readInChunks<R>(
  page: (after: string | null, limit: number) => Promise<R[]>,
  keyOf: (row: R) => string,
  each: (rows: R[]) => void | Promise<void>,
  size = 100_000,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await page(after, size);
    if (rows.length < size) {
      if (rows.length > 0) await each(rows);
      return;
    }
    const lastKey = keyOf(rows[rows.length - 1]!);
    let cut = rows.length;
    while (cut > 0 && keyOf(rows[cut - 1]!) === lastKey) cut--;
    if (cut === 0) {
      // One key holds a whole page: read that key on its own, however many rows it has.
      const all = await page(after, Number.MAX_SAFE_INTEGER);
      const own = all.filter((r) => keyOf(r) === lastKey);
      await each(own);
      after = lastKey;
      continue;
    }
    await each(rows.slice(0, cut));
    after = keyOf(rows[cut - 1]!);
  }
}

/** The runs of consecutive rows sharing a key, in order (rows sorted by that key). */
export function* runsBy<R>(rows: readonly R[], keyOf: (row: R) => string): Generator<R[]> {
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && keyOf(rows[i]!) === keyOf(rows[from]!)) continue;
    yield rows.slice(from, i);
    from = i;
  }
}
