/**
 * Latency models: constant (the conservative default), per agent pair,
 * random with clipped log-normal jitter, and per request type. Agents also
 * have a computation delay, applied by the kernel.
 * @module
 */

export * from "./latency_model.ts";
export * from "./constant.ts";
export * from "./pairwise.ts";
export * from "./jittered.ts";
export * from "./per_request.ts";
