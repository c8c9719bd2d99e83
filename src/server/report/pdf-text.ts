/**
 * A PDF's text as lines, read back with pdfjs-dist (a development dependency: tests only):
 * the items of one page at the same height, left to right, joined by ` | `.
 */
export async function pdfLines(pdf: Buffer): Promise<{ pages: number; lines: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const rows = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5] as number);
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4] as number, s: item.str.trim() });
      rows.set(y, row);
    }
    for (const [, row] of [...rows].sort(([a], [b]) => b - a)) {
      lines.push(
        row
          .sort((a, b) => a.x - b.x)
          .map((r) => r.s)
          .join(' | '),
      );
    }
  }
  return { pages: doc.numPages, lines };
}
