// The timing loop both Node benches share: sequential awaited calls, a warm-up of at least
// 300 ms and 200 calls (which also sizes the rounds to ~250 ms each), then 7 rounds.

export const hr = () => process.hrtime.bigint();

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** ns per call of `fn`: the median round, its spread, and how it was measured. */
export async function time(fn, maxIterations = 1_000_000) {
  let n = 0;
  const w0 = hr();
  while (n < 200 || hr() - w0 < 300_000_000n) {
    await fn();
    n++;
  }
  const per = Number(hr() - w0) / n;
  const iters = Math.max(50, Math.min(maxIterations, Math.round(250e6 / per)));
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t0 = hr();
    for (let i = 0; i < iters; i++) await fn();
    rounds.push(Number(hr() - t0) / iters);
  }
  return { nsPerOp: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), iterations: iters, rounds: rounds.length };
}
