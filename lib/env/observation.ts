/**
 * The observation layout: `history_T` rows of scaled market features
 * (oldest first), then the agent's own state. With the default feature set
 * this is the original design's 28 market features × 20 rows plus 10 agent
 * values. The layout is reported by name, and a dataset or model whose
 * feature list or history length differs fails with a message naming both.
 *
 * Agent state (each scaled to about [−1, 1]):
 * | name | value |
 * | --- | --- |
 * | inventory | q / max_inventory |
 * | cash | cash / (max_inventory · mid) |
 * | unrealised_pnl | (mid − average entry price) · q / (max_inventory · mid) |
 * | time_left | fraction of the episode left, 1 → 0 |
 * | bid_offset, ask_offset | live quote's distance from the mid / max_offset_ticks (0 when none) |
 * | bid_queue, ask_queue | size queued ahead of the live quote / (that + own size) (0 when none) |
 * | recent_fills | signed size filled during the last step / max_quote_size |
 * | risk_used | max(|q| / max_inventory, loss / loss_limit) |
 * @module
 */

import { assertLayout, type DatasetLayout } from "../dataset/layout.ts";
import { Box } from "./spaces.ts";

/** Names of the agent-state values, in vector order. */
export const AGENT_STATE_NAMES = [
  "inventory",
  "cash",
  "unrealised_pnl",
  "time_left",
  "bid_offset",
  "ask_offset",
  "bid_queue",
  "ask_queue",
  "recent_fills",
  "risk_used",
] as const;

/** Where each part of an observation vector sits. */
export class ObservationLayout {
  /** Market features per row. */
  readonly features: readonly string[];
  /** Rows of market features. */
  readonly T: number;
  readonly agentState = AGENT_STATE_NAMES;
  /** Total length. */
  readonly size: number;

  constructor(features: readonly string[], T: number) {
    this.features = [...features];
    this.T = T;
    this.size = T * features.length + AGENT_STATE_NAMES.length;
  }

  /** The market part as a dataset layout (features and T). */
  get dataset(): DatasetLayout {
    return { features: this.features, T: this.T };
  }

  /** Element names: `t-19:spread`, …, `t-0:rsi`, then the agent state. */
  names(): string[] {
    const out: string[] = [];
    for (let r = this.T - 1; r >= 0; r--) for (const f of this.features) out.push(`t-${r}:${f}`);
    out.push(...AGENT_STATE_NAMES);
    return out;
  }

  /** "20 rows × 28 features + 10 agent values = 570". */
  describe(): string {
    return `${this.T} rows × ${this.features.length} features + ${AGENT_STATE_NAMES.length} agent values = ${this.size}`;
  }

  /** Fails with both layouts named unless `found` (a dataset's or model's) matches. */
  assertCompatible(found: DatasetLayout, where?: string): void {
    assertLayout(this.dataset, found, where);
  }

  /** The observation space: features clipped to ±clip, agent state in [−10, 10]. */
  space(clip: number): Box {
    const n = this.T * this.features.length;
    const low = new Float32Array(this.size).fill(-clip);
    const high = new Float32Array(this.size).fill(clip);
    for (let i = n; i < this.size; i++) {
      low[i] = -10;
      high[i] = 10;
    }
    return new Box(low, high, this.names(), [this.size]);
  }
}
