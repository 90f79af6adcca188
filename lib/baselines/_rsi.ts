/**
 * Private: Wilder's relative strength index (J. W. Wilder, "New Concepts in
 * Technical Trading Systems", 1978), updated one price at a time:
 * the first average gain and loss are the plain means of the first `period`
 * price changes, then each is smoothed as avg ← (avg·(period − 1) + x)/period;
 * RSI = 100 − 100/(1 + avgGain/avgLoss) (100 when there are no losses, 50
 * when the price has not moved at all). NaN until `period` changes are seen.
 * @module
 */

/** Wilder's RSI over `period` price changes. */
export class Rsi {
  readonly period: number;
  #prev = NaN;
  #n = 0;
  #gain = 0;
  #loss = 0;

  constructor(period: number) {
    if (!(Number.isSafeInteger(period) && period >= 1)) {
      throw new RangeError(`Rsi: expected a period ≥ 1, found ${period}`);
    }
    this.period = period;
  }

  /** Forgets the history. */
  reset(): void {
    this.#prev = NaN;
    this.#n = 0;
    this.#gain = 0;
    this.#loss = 0;
  }

  /** Adds a price; returns the RSI now (NaN while warming up or for a NaN price). */
  update(price: number): number {
    if (Number.isNaN(price)) return this.value;
    const prev = this.#prev;
    this.#prev = price;
    if (Number.isNaN(prev)) return NaN;
    const change = price - prev;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    const p = this.period;
    if (this.#n < p) {
      this.#gain += up / p;
      this.#loss += down / p;
    } else {
      this.#gain = (this.#gain * (p - 1) + up) / p;
      this.#loss = (this.#loss * (p - 1) + down) / p;
    }
    this.#n++;
    return this.value;
  }

  /** The RSI now, in [0, 100]; NaN while warming up. */
  get value(): number {
    if (this.#n < this.period) return NaN;
    if (this.#loss === 0) return this.#gain === 0 ? 50 : 100;
    return 100 - 100 / (1 + this.#gain / this.#loss);
  }
}
