/**
 * Private: a fixed-capacity window of the latest values (a ring buffer over a
 * `Float64Array`; nothing allocated after construction), with the rolling
 * statistics the rule-based baselines use.
 * @module
 */

/** The last `capacity` values pushed, newest at lag 0. */
export class RollingWindow {
  readonly capacity: number;
  readonly #buf: Float64Array;
  #head = 0;
  /** Values held (≤ capacity). */
  count = 0;

  constructor(capacity: number) {
    if (!(Number.isSafeInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`RollingWindow: expected a capacity ≥ 1, found ${capacity}`);
    }
    this.capacity = capacity;
    this.#buf = new Float64Array(capacity);
  }

  /** Forgets every value. */
  reset(): void {
    this.#head = 0;
    this.count = 0;
  }

  /** Adds a value (the oldest drops out once full). */
  push(x: number): void {
    this.#buf[this.#head] = x;
    this.#head = (this.#head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Whether the window holds `capacity` values. */
  get full(): boolean {
    return this.count === this.capacity;
  }

  /** The value `lag` pushes ago (0 = newest); NaN when not held. */
  at(lag: number): number {
    if (lag < 0 || lag >= this.count) return NaN;
    return this.#buf[(this.#head - 1 - lag + this.capacity) % this.capacity];
  }

  /** Mean of the newest `n` values (default all held); NaN when fewer are held. */
  mean(n: number = this.count): number {
    if (n < 1 || n > this.count) return NaN;
    let s = 0;
    for (let i = 0; i < n; i++) s += this.at(i);
    return s / n;
  }

  /** Population standard deviation of the values held; NaN when empty. */
  std(): number {
    const m = this.mean();
    if (Number.isNaN(m)) return NaN;
    let s = 0;
    for (let i = 0; i < this.count; i++) s += (this.at(i) - m) ** 2;
    return Math.sqrt(s / this.count);
  }

  /** Mean of the squares of the values held; NaN when empty. */
  meanSquare(): number {
    if (this.count === 0) return NaN;
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.at(i) ** 2;
    return s / this.count;
  }
}
