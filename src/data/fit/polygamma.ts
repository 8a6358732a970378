/**
 * Digamma ψ(x) = d ln Γ(x)/dx and trigamma ψ'(x) for x > 0: the recurrences ψ(x) = ψ(x + 1) − 1/x
 * and ψ'(x) = ψ'(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18
 * and 6.4.12), about 1e-14 relative accuracy.
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const r = 1 / (x * x);
  return (
    shift +
    Math.log(x) -
    0.5 / x -
    r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - (691 * r) / 32760)))))
  );
}

export function trigamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const r = 1 / (x * x);
  return (
    shift + 1 / x + r / 2 + (r / x) * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r * (1 / 30 - (5 * r) / 66))))
  );
}
