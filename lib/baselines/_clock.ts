/**
 * Private: the episode clock as a policy sees it through its
 * {@linkcode AgentView}: the index of the current decision step and the
 * number of steps in the episode.
 * @module
 */

import type { AgentView } from "../env/policy.ts";

/** Index of the decision step about to be taken (0 at the episode start). */
export function stepIndex(view: AgentView): number {
  return Math.round((view.nowNs - view.episodeStartNs) / view.decisionNs);
}

/** Number of decision steps in the episode (at least 1). */
export function episodeSteps(view: AgentView): number {
  return Math.max(1, Math.round((view.episodeEndNs - view.episodeStartNs) / view.decisionNs));
}

/** Mid in dollars (price units), NaN when unknown. */
export function midDollars(view: AgentView): number {
  return view.midTicks * view.tickSize;
}
