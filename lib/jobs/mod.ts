/**
 * Jobs: the work behind each CLI command, as functions that notebooks can call
 * too. Each takes a validated config and an open run folder and returns the
 * JSON summary it writes.
 * @module
 */

export * from "./replay_job.ts";
