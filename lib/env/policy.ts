/**
 * Policies: anything that maps an agent's observation to an action in
 * [−1, 1]. Learned actors and classical baselines share this interface, so
 * they run in the same environment and the same evaluation. Baselines that
 * need raw quantities (mid, inventory, time left) read them from the agent's
 * {@linkcode AgentView}, which the environment fills at every step; a learned
 * policy uses only the observation vector.
 * @module
 */

/** What the environment tells a policy about its agent besides the observation. */
export interface AgentView {
  /** Agent name and role. */
  agent: string;
  role: "market_maker" | "market_taker";
  /** Market time (ns after midnight) and the episode window. */
  nowNs: number;
  episodeStartNs: number;
  episodeEndNs: number;
  /** Fraction of the episode left, 1 → 0. */
  timeLeft: number;
  /** Best quotes and mid in ticks as the agent sees them (after feed latency); NaN when empty. */
  bidTicks: number;
  askTicks: number;
  midTicks: number;
  /** Dollars per tick. */
  tickSize: number;
  /** Inventory (lots) and cash (dollars). */
  inventory: number;
  cash: number;
  /** Shares traded in the market during the last interval, and since the episode start. */
  marketVolume: number;
  cumulativeMarketVolume: number;
  /** Decision interval (ns). */
  decisionNs: number;
  /** The action map's bounds, to express decisions in ticks and lots. */
  maxInventory: number;
}

/** A policy over one agent's observations. */
export interface Policy {
  /** Name used in reports ("avellaneda-stoikov", "mappo", …). */
  readonly name: string;
  /** Number of action values it emits (4 for market makers, 2 for takers). */
  readonly actionDim: number;
  /** Called at every episode start with that episode's seed. */
  reset(seed: number): void;
  /** Writes the action for `obs` into `out` (length `actionDim`), values in [−1, 1]. */
  act(obs: Float32Array, view: AgentView, out: Float32Array): void;
}
