/**
 * The Web Worker behind the parallel in-memory pipeline
 * (`./in_memory_pipeline.ts`): it answers two kinds of task, one at a time,
 * in the order they come.
 *
 * - `file`: one source file through {@linkcode DayProcessor} (values in
 *   SharedArrayBuffers, so the main thread and the other workers read them
 *   without a copy);
 * - `fit`: the scaler statistics and digests of some features over the dev
 *   symbol-days (`fitFeaturePart`), read from those shared buffers.
 *
 * Errors go back as `{ type: "error" }` with the message (an `InputError`'s
 * message names the file, key and what was found), and the main thread
 * rethrows them.
 * @module
 */

/// <reference lib="deno.worker" />

import { fitFeaturePart, type FitSpec } from "../dataset/scaler.ts";
import type { SourceFile } from "../data/ingest/mod.ts";
import type { SplitName } from "../dataset/splits.ts";
import { type ColumnBlock, DayProcessor, fitSources, type PipelineSetup } from "./pipeline_day.ts";

/** A task for the worker. */
export type WorkerTask =
  | { type: "setup"; setup: PipelineSetup }
  | { type: "file"; id: number; file: SourceFile; split: SplitName }
  | {
    type: "fit";
    id: number;
    spec: FitSpec;
    features: number[];
    sources: { block: ColumnBlock; groups: number }[];
  };

let processor: DayProcessor | null = null;

self.onmessage = async (e: MessageEvent<WorkerTask>) => {
  const task = e.data;
  if (task.type === "setup") {
    processor = new DayProcessor(task.setup, { shared: true });
    return;
  }
  try {
    if (task.type === "file") {
      if (processor === null) throw new Error("pipeline worker: a file before the setup");
      const out = await processor.processFile(task.file, task.split);
      self.postMessage({ type: "file", id: task.id, out });
    } else {
      const sources = fitSources(task.spec, task.sources);
      const part = await fitFeaturePart(sources, task.spec, task.features);
      self.postMessage({ type: "fit", id: task.id, part });
    }
  } catch (error) {
    const err = error as Error & { location?: unknown };
    self.postMessage({
      type: "error",
      id: task.id,
      name: err.name,
      message: err.message,
      location: err.location,
    });
  }
};
