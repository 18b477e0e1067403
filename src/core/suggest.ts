// "Did you mean ...?" for topics and time zones: the closest names by edit distance, with
// prefix and substring matches first because that is how people abbreviate.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/**
 * Up to `limit` candidates close to `input`, best first. A candidate qualifies when it starts with
 * or contains the input, or is within an edit distance that grows with the input's length.
 */
export function closest(input: string, candidates: readonly string[], limit = 3): string[] {
  const q = input.trim().toLowerCase();
  if (!q) return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const c = name.toLowerCase();
    let score: number;
    if (c === q) score = 0;
    else if (c.startsWith(q)) score = 1;
    else if (c.includes(q)) score = 2;
    else {
      const d = Math.min(editDistance(q, c), ...c.split(/[-/_]/).map((part) => editDistance(q, part) + 0.5));
      if (d > Math.max(2, Math.floor(q.length / 3))) continue;
      score = 3 + d;
    }
    scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
