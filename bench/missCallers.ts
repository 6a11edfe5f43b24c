/**
 * Distinct Miami callers (+1 305/786 555 xxxx), one per call, for the benches.
 * @example const next = missCallers(); next() // '+13055550000'
 */
export function missCallers(): () => string {
  let i = 0;
  return () => {
    const n = i++;
    return `+1${n < 10_000 ? '305' : '786'}555${String(n % 10_000).padStart(4, '0')}`;
  };
}
