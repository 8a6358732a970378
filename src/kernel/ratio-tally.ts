/**
 * Streaming estimator of a ratio of means R = E[X] / E[Y] from paired
 * observations (xᵢ, yᵢ), one pair per independent replication.
 *
 * Point estimate: R̂ = Σx / Σy. Confidence interval by the delta method:
 * the standard error of R̂ is s / (√n · ȳ), where s² is the sample variance
 * of xᵢ − R̂·yᵢ (Law & Kelton, "Simulation Modeling and Analysis", ratio
 * estimators; also ContactCenters' RatioTally).
 *
 * Means and co-moments are updated online (Welford's update extended to
 * covariances), so memory is constant and no cancellation occurs.
 */
export class RatioTally {
  count = 0;
  private meanX = 0;
  private meanY = 0;
  private cxx = 0;
  private cyy = 0;
  private cxy = 0;

  add(x: number, y: number): void {
    this.count++;
    const n = this.count;
    const dx = x - this.meanX;
    const dy = y - this.meanY;
    this.meanX += dx / n;
    this.meanY += dy / n;
    // Co-moments use the deviation before the update times the one after.
    this.cxx += dx * (x - this.meanX);
    this.cyy += dy * (y - this.meanY);
    this.cxy += dx * (y - this.meanY);
  }

  /** Σx / Σy, or null when Σy = 0 (the ratio is undefined). */
  get ratio(): number | null {
    return this.count > 0 && this.meanY !== 0 ? this.meanX / this.meanY : null;
  }

  /** Delta-method standard error of the ratio, or null with fewer than 2 pairs. */
  get standardError(): number | null {
    const r = this.ratio;
    if (r === null || this.count < 2) return null;
    const variance = Math.max(0, (this.cxx - 2 * r * this.cxy + r * r * this.cyy) / (this.count - 1));
    return Math.sqrt(variance) / (Math.sqrt(this.count) * Math.abs(this.meanY));
  }
}
