/**
 * Multi-agent metrics: correlation of the agents' PnL and inventories, action
 * diversity, coordination efficiency, and market quality with the agents
 * present against a control run without them.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { coordinationEfficiency, discreteEntropy, meanPairwiseDistance } from "./multi_agent.ts";
 * assert.equal(meanPairwiseDistance([[0, 0], [3, 4]]), 5);
 * assert(Math.abs(discreteEntropy([0, 1]) - Math.LN2) < 1e-12);
 * assert.equal(coordinationEfficiency(12, [5, 5]), 1.2);
 * ```
 * @module
 */

import { describeValue, InputError } from "../core/errors.ts";
import { mean, requireSameLength, sampleStd, type Series } from "./_util.ts";

/**
 * Pearson correlation ρ = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) (Pearson
 * 1895). NaN when n < 2 or either series is constant.
 */
export function pearsonCorrelation(x: Series, y: Series): number {
  requireSameLength("y", y, x, "x");
  const n = x.length;
  if (n < 2) return NaN;
  const mx = mean(x), my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Pearson correlation matrix of several series of equal length (one per agent:
 * per-step PnL, or inventory): M[i][j] = ρ(series_i, series_j). The diagonal is
 * 1, or NaN for a constant series (as is its whole row and column).
 */
export function correlationMatrix(series: readonly Series[]): number[][] {
  for (let i = 1; i < series.length; i++) {
    requireSameLength(`series[${i}]`, series[i], series[0], "series[0]");
  }
  const k = series.length;
  const m: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  for (let i = 0; i < k; i++) {
    const sd = sampleStd(series[i]);
    m[i][i] = sd > 0 ? 1 : NaN;
    for (let j = i + 1; j < k; j++) m[i][j] = m[j][i] = pearsonCorrelation(series[i], series[j]);
  }
  return m;
}

/**
 * Mean pairwise Euclidean distance of the agents' actions, one vector per
 * agent: (2 / (k(k − 1))) Σ_{i<j} ‖a_i − a_j‖₂. 0 when all agents act alike;
 * NaN for fewer than 2 agents. For a rollout, call it per step and average.
 */
export function meanPairwiseDistance(actions: readonly Series[]): number {
  const k = actions.length;
  if (k < 2) return NaN;
  for (let i = 1; i < k; i++) {
    requireSameLength(`actions[${i}]`, actions[i], actions[0], "actions[0]");
  }
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      let ss = 0;
      for (let d = 0; d < actions[i].length; d++) ss += (actions[i][d] - actions[j][d]) ** 2;
      total += Math.sqrt(ss);
    }
  }
  return total / (k * (k - 1) / 2);
}

/**
 * Shannon entropy (Shannon 1948) of discrete actions, H = −Σ_c p_c ln p_c in
 * nats, with p_c the share of the observations equal to c (each distinct value
 * is one bin). NaN when empty.
 */
export function discreteEntropy(labels: ArrayLike<number | string>): number {
  const n = labels.length;
  if (n === 0) return NaN;
  const counts = new Map<number | string, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
  return h === 0 ? 0 : h;
}

/** Binning of {@linkcode histogramEntropy}. */
export interface HistogramOptions {
  /** Number of equal-width bins B; default 10. */
  bins?: number;
  /** Lower edge; default min(x). */
  min?: number;
  /** Upper edge; default max(x). */
  max?: number;
}

/**
 * Shannon entropy of a histogram of continuous actions, in nats. Binning: B
 * equal-width bins over [lo, hi] (default the data's range); bin b holds
 * [lo + b w, lo + (b + 1) w) with w = (hi − lo)/B, the last bin is closed at hi,
 * and values outside [lo, hi] are clipped into the edge bins. Then
 * H = −Σ_b p_b ln p_b (maximum ln B). 0 when every value is equal; NaN when
 * empty. Throws unless B is an integer ≥ 1.
 */
export function histogramEntropy(values: Series, opts: HistogramOptions = {}): number {
  const bins = opts.bins ?? 10;
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new InputError({
      keyPath: "bins",
      expected: "an integer ≥ 1",
      found: describeValue(bins),
    });
  }
  const n = values.length;
  if (n === 0) return NaN;
  let lo = opts.min ?? Infinity, hi = opts.max ?? -Infinity;
  if (opts.min === undefined) { for (let i = 0; i < n; i++) lo = Math.min(lo, values[i]); }
  if (opts.max === undefined) { for (let i = 0; i < n; i++) hi = Math.max(hi, values[i]); }
  if (!(hi > lo)) return 0;
  const w = (hi - lo) / bins;
  const labels = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / w)));
  }
  return discreteEntropy(labels);
}

/**
 * Coordination efficiency: team PnL / Σ_i solo PnL_i, where solo PnL_i is agent
 * i's PnL when it trades alone on the same episodes. > 1 means the team earns
 * more together than apart. NaN when the solo sum is 0; read with care when
 * the solo sum is negative (the ratio's sign flips).
 */
export function coordinationEfficiency(teamPnl: number, soloPnls: Series): number {
  let s = 0;
  for (let i = 0; i < soloPnls.length; i++) s += soloPnls[i];
  return s !== 0 ? teamPnl / s : NaN;
}

/**
 * Kyle's λ (Kyle 1985, "Continuous auctions and insider trading",
 * Econometrica 53(6)) as the OLS slope of the mid change on the signed volume,
 * Δm_t = α + λ v_t + ε_t:
 *
 *   λ = Σ(v − v̄)(Δm − Δm̄) / Σ(v − v̄)².
 *
 * NaN when n < 2 or the signed volume is constant.
 */
export function kyleLambda(midChanges: Series, signedVolumes: Series): number {
  requireSameLength("signedVolumes", signedVolumes, midChanges, "midChanges");
  const n = midChanges.length;
  if (n < 2) return NaN;
  const mv = mean(signedVolumes), mm = mean(midChanges);
  let svm = 0, svv = 0;
  for (let t = 0; t < n; t++) {
    svm += (signedVolumes[t] - mv) * (midChanges[t] - mm);
    svv += (signedVolumes[t] - mv) ** 2;
  }
  return svv > 0 ? svm / svv : NaN;
}

/** One run's market on the decision grid. */
export interface MarketSeries {
  /** Mid prices m_0 … m_N (> 0). */
  mids: Series;
  /** Quoted spreads (ask − bid) at the same steps. */
  spreads: Series;
  /** Depth at the same steps (e.g. bid + ask size at the touch). */
  depths: Series;
  /** Net signed volume (buys − sells) in (t, t + 1], N values for N + 1 mids. */
  signedVolumes: Series;
}

/** Market-quality figures of one run. */
export interface MarketQuality {
  /** Mean quoted spread. */
  meanSpread: number;
  /** Mean depth. */
  meanDepth: number;
  /** Sample std (ddof = 1) of the per-step log mid returns ln(m_{t+1}/m_t), not annualised. */
  volatility: number;
  /** Kyle's λ of Δm_t = m_{t+1} − m_t on the signed volume of (t, t + 1]. */
  priceImpact: number;
}

/**
 * Market quality of one run (O'Hara 1995, "Market Microstructure Theory", for
 * the measures): mean spread, mean depth, volatility of log mid returns and
 * price impact as {@linkcode kyleLambda}. Throws unless spreads and depths
 * match the mids and there is one signed volume per mid change.
 */
export function marketQuality(m: MarketSeries): MarketQuality {
  requireSameLength("spreads", m.spreads, m.mids, "mids");
  requireSameLength("depths", m.depths, m.mids, "mids");
  const n = Math.max(0, m.mids.length - 1);
  if (m.signedVolumes.length !== n) {
    throw new InputError({
      keyPath: "signedVolumes",
      expected: `one value per mid change (${n})`,
      found: `length ${m.signedVolumes.length}`,
    });
  }
  const logRet = new Float64Array(n), dm = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    logRet[t] = Math.log(m.mids[t + 1] / m.mids[t]);
    dm[t] = m.mids[t + 1] - m.mids[t];
  }
  return {
    meanSpread: mean(m.spreads),
    meanDepth: mean(m.depths),
    volatility: sampleStd(logRet),
    priceImpact: kyleLambda(dm, m.signedVolumes),
  };
}

/** Market quality with the agents, in the control run, and their difference. */
export interface MarketQualityComparison {
  /** With the agents present. */
  agents: MarketQuality;
  /** Control run without them (same seeds and data). */
  control: MarketQuality;
  /** agents − control, field by field (a negative spread difference: the agents tightened it). */
  difference: MarketQuality;
}

/** {@linkcode marketQuality} of both runs and their difference (agents − control). */
export function compareMarketQuality(
  agents: MarketSeries,
  control: MarketSeries,
): MarketQualityComparison {
  const a = marketQuality(agents), c = marketQuality(control);
  return {
    agents: a,
    control: c,
    difference: {
      meanSpread: a.meanSpread - c.meanSpread,
      meanDepth: a.meanDepth - c.meanDepth,
      volatility: a.volatility - c.volatility,
      priceImpact: a.priceImpact - c.priceImpact,
    },
  };
}
