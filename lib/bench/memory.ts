/**
 * Peak memory of a benchmark, sampled at the points it chooses (resident set
 * and V8 heap; typed-array buffers count in `rss` and `external`).
 * @module
 */

/** Tracks the largest memory figures seen by {@linkcode MemorySampler.sample}. */
export class MemorySampler {
  /** Largest resident set size seen, in bytes. */
  peakRss = 0;
  /** Largest V8 heap use plus external (array buffer) memory seen, in bytes. */
  peakHeap = 0;

  constructor() {
    this.sample();
  }

  /** Reads the current figures and keeps the maxima. */
  sample(): void {
    const m = Deno.memoryUsage();
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    const heap = m.heapUsed + m.external;
    if (heap > this.peakHeap) this.peakHeap = heap;
  }
}
