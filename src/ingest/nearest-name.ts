/** Edit distance (insertions, deletions, substitutions) between a and b. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known name a user most likely meant by `name` (compared without case and extension):
 * the longest known name it contains (`Clients_export.csv` → `clients.csv`), else the closest
 * within 2 edits, else undefined.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const stem = (s: string) => s.toLowerCase().replace(/\.[^.]*$/, '');
  const s = stem(name);
  const containing = known
    .filter((k) => s.includes(stem(k)))
    .sort((a, b) => stem(b).length - stem(a).length);
  if (containing.length > 0) return containing[0];
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(s, stem(k));
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}
