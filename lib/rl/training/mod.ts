/**
 * The training pipeline's pieces (the loop itself is lib/jobs/train_job.ts):
 * config layers and presets, the MAPPO/MADDPG learner interface, the
 * episode-recording env wrapper, checkpoint state files, policy model files
 * with {@linkcode loadPolicy}, and the progress line.
 * @module
 */

export * from "./config.ts";
export * from "./learner.ts";
export * from "./tracked_env.ts";
export * from "./state_io.ts";
export * from "./policy_files.ts";
export * from "./train_progress.ts";
