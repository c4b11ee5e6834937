// Small helpers shared by the real-browser benchmarks: summaries of noisy samples and the few
// command-line options they take.

export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Median (mean of the middle two for an even count) and nearest-rank p90; NaN for no samples. */
export function summarize(samples: readonly number[]): Summary {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n, median: NaN, p90: NaN, min: NaN, max: NaN };
  const mid = Math.floor(n / 2);
  const median = n % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n, median, p90: s[Math.ceil(0.9 * n) - 1]!, min: s[0]!, max: s[n - 1]! };
}

/** The value of `--name value` or `--name=value` in argv. */
function optionValue(name: string, argv: readonly string[]): string | undefined {
  const flag = `--${name}`;
  let raw: string | undefined;
  argv.forEach((a, i) => {
    if (a === flag) raw = argv[i + 1];
    else if (a.startsWith(`${flag}=`)) raw = a.slice(flag.length + 1);
  });
  return raw;
}

/** `--name N` (or `--name=N`) from argv as a whole number, else `fallback`. */
export function intOption(name: string, fallback: number, argv: readonly string[] = process.argv.slice(2)): number {
  const flag = `--${name}`;
  const raw = optionValue(name, argv);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} wants a whole number, got "${raw}"`);
  return n;
}

/** `--name a,b,c` from argv as a list, else undefined. */
export function listOption(name: string, argv: readonly string[] = process.argv.slice(2)): string[] | undefined {
  const raw = optionValue(name, argv);
  return raw === undefined ? undefined : raw.split(',').map((x) => x.trim()).filter(Boolean);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `x` with `digits` decimals, or "n/a" when it is not a number. */
export function fixed(x: number | null | undefined, digits: number): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/** Whether this module is the script Node was started with (`tsx bench/x.ts`). */
export function isMain(metaUrl: string): boolean {
  return metaUrl === `file://${process.argv[1]}`;
}

/**
 * `start()` until it succeeds, at most `attempts` times (a browser that fails to start on a busy
 * machine usually starts on the next try). The final error names every attempt's error, so that a
 * failure that is the same each time reads as the bug it is rather than as load.
 */
export async function withRetries<T>(what: string, attempts: number, start: (attempt: number) => Promise<T>, log: (line: string) => void = console.error): Promise<T> {
  const errors: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await start(attempt);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(message);
      if (attempt < attempts) log(`${what}: attempt ${attempt} of ${attempts} failed (${message.split('\n')[0]}); trying again`);
    }
  }
  const same = errors.every((e) => e === errors[0]);
  throw new Error(
    `${what} failed ${attempts} times${same && attempts > 1 ? ', with the same error each time (so probably not the machine being busy)' : ''}:\n` +
      errors.map((e, i) => `  ${i + 1}. ${e}`).join('\n'),
  );
}
