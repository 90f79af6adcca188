/**
 * The baselines by name: each entry says which roles it can play, what it
 * is (with its source), its parameters (snake_case names as in configs and on
 * the command line, with defaults and units) and how to build it from a
 * {@linkcode BaselineContext}. `createBaseline(name, ctx, params)` checks the
 * name, the role and every parameter (errors name the key, what was expected
 * and what was found) and returns the {@linkcode Policy}.
 *
 * Parameters whose default is `null` are filled from the context: on the
 * Avellaneda-Stoikov model market the market makers use the model's own σ,
 * k, A and T ({@linkcode resolveBaselineParams} reports the values used);
 * elsewhere σ is estimated online, T is the episode length in seconds, A
 * takes the paper's value and k is scaled to the market's tick:
 * k = {@linkcode DEFAULT_K_PER_TICK} / tick size (20 per dollar at $0.01
 * ticks; the paper's 1.5 per price unit only when the market is unknown).
 * The paper's k = 1.5 belongs to its mid of 100 moving σ = 2 per √time
 * unit: its flat half-spread (1/γ)·ln(1 + γ/k) ≈ 1/k is $0.65, i.e. 65 ticks
 * on a $0.01-tick market whose quoted spread is ~20 ticks (abm), where such
 * quotes are clipped to `max_offset_ticks` and never fill.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "../env/make_env.ts";
 * import { baselineContext } from "./context.ts";
 * import { baselineNames, createBaseline, resolveBaselineParams } from "./registry.ts";
 * const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model" }));
 * const ctx = baselineContext(env, "mm_0");
 * const as = createBaseline("avellaneda-stoikov", ctx, { gamma: 0.2 });
 * assert.equal(as.actionDim, 4);
 * assert.equal(resolveBaselineParams("avellaneda-stoikov", ctx, {}).sigma, 2); // the model's σ
 * assert(baselineNames("market_taker").includes("twap"));
 * assert.throws(() => createBaseline("twap", ctx), /market_taker/);
 * assert.throws(() => createBaseline("avellaneda-stoikov", ctx, { gama: 1 }), /did you mean "gamma"/);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { closestMatch } from "../core/suggest.ts";
import type { Role } from "../env/market_env.ts";
import { AsModelMarketBackend } from "../env/markets/as_model_market.ts";
import type { Policy } from "../env/policy.ts";
import type { ParentOrder } from "./_taker.ts";
import { AvellanedaStoikov } from "./avellaneda_stoikov.ts";
import { BuyAndHold } from "./buy_and_hold.ts";
import type { BaselineContext } from "./context.ts";
import { FixedSpread } from "./fixed_spread.ts";
import { GueantLehalleFernandezTapia } from "./gueant_lehalle_fernandez_tapia.ts";
import { MeanReversion } from "./mean_reversion.ts";
import { Momentum } from "./momentum.ts";
import { Pov } from "./pov.ts";
import { RandomPolicy } from "./random.ts";
import { Technical } from "./technical.ts";
import { Twap } from "./twap.ts";
import { Vwap } from "./vwap.ts";

/** A parameter value. */
export type ParamValue = number | string | boolean | null;

/** Parameters by name. */
export type BaselineParams = Readonly<Record<string, ParamValue>>;

/** One documented parameter of a baseline. */
export interface ParamSpec {
  name: string;
  /** number, integer (≥ 0), boolean, or side ("buy" / "sell"). */
  kind: "number" | "integer" | "boolean" | "side";
  /** Default; null = filled from the context (see the description). */
  default: ParamValue;
  description: string;
}

/** A registered baseline. */
export interface BaselineSpec {
  readonly name: string;
  /** Roles it can play. */
  readonly roles: readonly Role[];
  /** One line: what it does and its source. */
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  /** Fills the null defaults from the context (model parameters). */
  resolve?(ctx: BaselineContext, params: Record<string, ParamValue>): void;
  /** Builds the policy from complete, checked parameters. */
  create(ctx: BaselineContext, params: BaselineParams): Policy;
}

const MAKER: readonly Role[] = ["market_maker"];
const TAKER: readonly Role[] = ["market_taker"];

const num = (name: string, def: ParamValue, description: string): ParamSpec => ({
  name,
  kind: "number",
  default: def,
  description,
});
const int = (name: string, def: ParamValue, description: string): ParamSpec => ({
  name,
  kind: "integer",
  default: def,
  description,
});
const bool = (name: string, def: boolean, description: string): ParamSpec => ({
  name,
  kind: "boolean",
  default: def,
  description,
});

const n = (p: BaselineParams, key: string): number => p[key] as number;
const nOrNull = (p: BaselineParams, key: string): number | null => p[key] as number | null;

const PARENT: readonly ParamSpec[] = [
  { name: "side", kind: "side", default: "buy", description: "parent order side: buy or sell" },
  int("size", 100, "parent order size, lots"),
  num(
    "horizon_seconds",
    null,
    "seconds from the episode start to finish in (null = the whole episode)",
  ),
  bool("aggressive", true, "market orders (true) or passive limits at the own best quote (false)"),
];

const parent = (p: BaselineParams): ParentOrder => ({
  side: p.side === "sell" ? -1 : 1,
  size: n(p, "size"),
  horizonSeconds: nOrNull(p, "horizon_seconds"),
  aggressive: p.aggressive as boolean,
});

const TARGET: readonly ParamSpec[] = [
  int("position", 10, "position held when the signal is on, lots"),
  bool("aggressive", true, "market orders (true) or passive limits at the own best quote (false)"),
];

/** The model's parameters when the context's market is the Avellaneda-Stoikov model market. */
function asModel(ctx: BaselineContext) {
  return ctx.market instanceof AsModelMarketBackend ? ctx.market.params : null;
}

/**
 * Default fill-intensity decay k of the market makers off the model market,
 * per tick: k = this / tick size per price unit, so that the flat half-spread
 * (1/γ)·ln(1 + γ/k) ≈ 1/k is about 5 ticks. Calibrated on the abm market
 * (fixed-spread fills over 3 × 120 s episodes, per side and second: 0.98 at 1
 * tick, 0.72 at 4, 0.63 at 8, 0.39 at 10, 0.01 at 12, 0 at 14; median quoted
 * spread 18–20 ticks): a log-linear fit over 1–10 ticks gives k ≈ 0.084 per
 * tick, but the intensity is flat then falls off a cliff at the touch
 * (~10 ticks), so 1/k_fit ≈ 12 ticks would sit past it; 0.2 per tick keeps
 * the quotes inside the touch where fills are ≈ 0.7 per side and second.
 */
export const DEFAULT_K_PER_TICK = 0.2;

/** The paper's k (per price unit), used when neither the model nor the tick size is known. */
const PAPER_K = 1.5;

/** Default k for `ctx`: the model's on as_model, else scaled to the market's tick. */
function defaultK(ctx: BaselineContext): number {
  const m = asModel(ctx);
  if (m !== null) return m.k;
  const tick = ctx.market?.tickSize ?? NaN;
  return tick > 0 && tick < Infinity ? DEFAULT_K_PER_TICK / tick : PAPER_K;
}

/** Every baseline, in the order listed by `--help`. */
export const BASELINES: readonly BaselineSpec[] = [
  {
    name: "avellaneda-stoikov",
    roles: MAKER,
    summary: "reservation price and optimal spread of Avellaneda & Stoikov (2008), eqs. (29)–(30)",
    params: [
      num("gamma", 0.1, "risk aversion γ, per price unit"),
      num(
        "k",
        null,
        "fill-intensity decay k, per price unit (null = the model's k on as_model, else 0.2 per tick, i.e. 20 per dollar at $0.01 ticks)",
      ),
      num(
        "sigma",
        null,
        "volatility σ, price units per √time unit (null = the model's σ on as_model, else estimated online)",
      ),
      num(
        "horizon",
        null,
        "horizon T, time units (null = the model's T on as_model, else the episode in seconds)",
      ),
      int("size", 1, "quote size per side, lots"),
      int("sigma_window", 100, "steps in the online σ estimate"),
    ],
    resolve(ctx, p) {
      const m = asModel(ctx);
      p.k ??= defaultK(ctx);
      if (m !== null) {
        p.sigma ??= m.sigma;
        p.horizon ??= m.T;
      }
    },
    create: (ctx, p) =>
      new AvellanedaStoikov(ctx.makerMap, {
        gamma: n(p, "gamma"),
        k: n(p, "k"),
        sigma: nOrNull(p, "sigma"),
        horizon: nOrNull(p, "horizon"),
        size: n(p, "size"),
        sigmaWindow: n(p, "sigma_window"),
      }),
  },
  {
    name: "gueant-lehalle-fernandez-tapia",
    roles: MAKER,
    summary: "closed-form asymptotic quotes of Guéant, Lehalle & Fernandez-Tapia (2013)",
    params: [
      num("gamma", 0.1, "risk aversion γ, per price unit"),
      num(
        "k",
        null,
        "fill-intensity decay k, per price unit (null = the model's k on as_model, else 0.2 per tick, i.e. 20 per dollar at $0.01 ticks)",
      ),
      num(
        "A",
        null,
        "fill-intensity scale A, fills per time unit (null = the model's A on as_model, else 140)",
      ),
      num(
        "sigma",
        null,
        "volatility σ, price units per √time unit (null = the model's σ on as_model, else estimated online)",
      ),
      num(
        "horizon",
        null,
        "time units per episode for σ's unit (null = the model's T on as_model, else the episode in seconds)",
      ),
      int("size", 1, "quote size per side, lots"),
      int("sigma_window", 100, "steps in the online σ estimate"),
    ],
    resolve(ctx, p) {
      const m = asModel(ctx);
      p.k ??= defaultK(ctx);
      p.A ??= m?.A ?? 140;
      if (m !== null) {
        p.sigma ??= m.sigma;
        p.horizon ??= m.T;
      }
    },
    create: (ctx, p) =>
      new GueantLehalleFernandezTapia(ctx.makerMap, {
        gamma: n(p, "gamma"),
        k: n(p, "k"),
        A: n(p, "A"),
        sigma: nOrNull(p, "sigma"),
        horizon: nOrNull(p, "horizon"),
        size: n(p, "size"),
        sigmaWindow: n(p, "sigma_window"),
      }),
  },
  {
    name: "fixed-spread",
    roles: MAKER,
    summary: "symmetric quotes at a fixed half-spread and size",
    params: [
      num("half_spread_ticks", 2, "distance of each quote from the mid, ticks"),
      int("size", 1, "quote size per side, lots"),
    ],
    create: (ctx, p) =>
      new FixedSpread(ctx.makerMap, {
        halfSpreadTicks: n(p, "half_spread_ticks"),
        size: n(p, "size"),
      }),
  },
  {
    name: "twap",
    roles: TAKER,
    summary: "parent order in equal slices per step over the horizon",
    params: PARENT,
    create: (ctx, p) => new Twap(ctx.takerMap, parent(p)),
  },
  {
    name: "vwap",
    roles: TAKER,
    summary: "parent order along an intraday volume curve (dev split, or a U-shaped default)",
    params: PARENT,
    create: (ctx, p) =>
      new Vwap(ctx.takerMap, {
        ...parent(p),
        ...(ctx.volumeCurve ? { curve: ctx.volumeCurve } : {}),
      }),
  },
  {
    name: "pov",
    roles: TAKER,
    summary: "parent order at a participation rate of the last interval's market volume",
    params: [...PARENT, num("rate", 0.1, "participation rate ρ in (0, 1]")],
    create: (ctx, p) => new Pov(ctx.takerMap, { ...parent(p), rate: n(p, "rate") }),
  },
  {
    name: "momentum",
    roles: TAKER,
    summary: "position in the direction of the mid change over a lookback (time-series momentum)",
    params: [
      int("lookback", 10, "steps between the mids compared"),
      num("threshold_ticks", 0, "smallest mid change that sets a direction, ticks"),
      ...TARGET,
    ],
    create: (ctx, p) =>
      new Momentum(ctx.takerMap, {
        lookback: n(p, "lookback"),
        thresholdTicks: n(p, "threshold_ticks"),
        position: n(p, "position"),
        aggressive: p.aggressive as boolean,
      }),
  },
  {
    name: "mean-reversion",
    roles: TAKER,
    summary: "fades deviations from a moving average beyond a band (Bollinger fade)",
    params: [
      int("window", 20, "mids in the moving average and standard deviation"),
      num("band_sd", 1, "band half-width, standard deviations"),
      num("min_band_ticks", 1, "smallest band half-width, ticks"),
      ...TARGET,
    ],
    create: (ctx, p) =>
      new MeanReversion(ctx.takerMap, {
        window: n(p, "window"),
        bandSd: n(p, "band_sd"),
        minBandTicks: n(p, "min_band_ticks"),
        position: n(p, "position"),
        aggressive: p.aggressive as boolean,
      }),
  },
  {
    name: "technical",
    roles: TAKER,
    summary: "moving-average crossover filtered by Wilder's RSI",
    params: [
      int("fast", 5, "steps in the fast moving average"),
      int("slow", 20, "steps in the slow moving average"),
      int("rsi_period", 14, "RSI period, price changes"),
      num("overbought", 70, "buy only while RSI < this"),
      num("oversold", 30, "sell only while RSI > this"),
      ...TARGET,
    ],
    create: (ctx, p) =>
      new Technical(ctx.takerMap, {
        fast: n(p, "fast"),
        slow: n(p, "slow"),
        rsiPeriod: n(p, "rsi_period"),
        overbought: n(p, "overbought"),
        oversold: n(p, "oversold"),
        position: n(p, "position"),
        aggressive: p.aggressive as boolean,
      }),
  },
  {
    name: "random",
    roles: ["market_maker", "market_taker"],
    summary: "uniform actions in [−1, 1] from its own seeded stream",
    params: [],
    create: (ctx) =>
      new RandomPolicy(
        ctx.role === "market_maker" ? ctx.makerMap.dim : ctx.takerMap.dim,
        ctx.agent,
      ),
  },
  {
    name: "buy-and-hold",
    roles: TAKER,
    summary: "buys a fixed size at the start, then holds",
    params: [int("size", 10, "lots to buy, lots")],
    create: (ctx, p) => new BuyAndHold(ctx.takerMap, { size: n(p, "size") }),
  },
];

/** Names of the baselines (that can play `role`, when given). */
export function baselineNames(role?: Role): string[] {
  return BASELINES.filter((b) => role === undefined || b.roles.includes(role)).map((b) => b.name);
}

/** The spec of a baseline; a UsageError naming the choices for an unknown name. */
export function baselineSpec(name: string): BaselineSpec {
  const spec = BASELINES.find((b) => b.name === name);
  if (spec === undefined) {
    const hint = closestMatch(name, baselineNames());
    throw new UsageError(
      `unknown strategy "${name}"${
        hint === undefined ? "" : ` (did you mean "${hint}"?)`
      }; available: ${baselineNames().join(", ")}`,
    );
  }
  return spec;
}

function checkValue(strategy: string, spec: ParamSpec, value: unknown): ParamValue {
  const bad = (expected: string): never => {
    throw new UsageError(
      `${strategy} parameter ${spec.name}: expected ${expected}, found ${JSON.stringify(value)}`,
    );
  };
  if (value === null) {
    return spec.default === null ? null : bad(`a value (no null: default ${spec.default})`);
  }
  switch (spec.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : bad("a finite number");
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
        ? value
        : bad("a whole number ≥ 0");
    case "boolean":
      return typeof value === "boolean" ? value : bad("true or false");
    case "side":
      return value === "buy" || value === "sell" ? value : bad('"buy" or "sell"');
  }
}

/**
 * The complete parameters a baseline will use in `ctx`: defaults, then
 * `params` (checked), then the context's values for what is still null.
 */
export function resolveBaselineParams(
  name: string,
  ctx: BaselineContext,
  params: Readonly<Record<string, unknown>> = {},
): Record<string, ParamValue> {
  const spec = baselineSpec(name);
  if (!spec.roles.includes(ctx.role)) {
    throw new UsageError(
      `strategy ${name} plays ${
        spec.roles.join(" or ")
      }, but agent ${ctx.agent} is a ${ctx.role}; strategies for that role: ${
        baselineNames(ctx.role).join(", ")
      }`,
    );
  }
  const known = spec.params.map((p) => p.name);
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const hint = closestMatch(key, known);
      throw new UsageError(
        `${name} has no parameter "${key}"${
          hint === undefined ? "" : ` (did you mean "${hint}"?)`
        }; its parameters: ${known.length === 0 ? "none" : known.join(", ")}`,
      );
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const p of spec.params) {
    out[p.name] = key(params, p.name) ? checkValue(name, p, params[p.name]) : p.default;
  }
  spec.resolve?.(ctx, out);
  return out;
}

function key(o: Readonly<Record<string, unknown>>, k: string): boolean {
  return Object.hasOwn(o, k) && o[k] !== undefined;
}

/** Builds baseline `name` for the agent in `ctx`, with `params` over its defaults. */
export function createBaseline(
  name: string,
  ctx: BaselineContext,
  params: Readonly<Record<string, unknown>> = {},
): Policy {
  const resolved = resolveBaselineParams(name, ctx, params);
  try {
    return baselineSpec(name).create(ctx, resolved);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}
