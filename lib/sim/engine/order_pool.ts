/**
 * Pooled storage for live orders: one typed array per field (struct of
 * arrays), records addressed by an int32 handle and recycled through a free
 * list, so that adding and removing orders allocates nothing once warm.
 * Each order is also a node of its price level's doubly linked FIFO queue
 * (`prev`, `next`), which gives time priority within a level.
 * @module
 */

/** Sentinel handle: no order. */
export const NIL = -1;

/** Struct-of-arrays pool of order records. */
export class OrderPool {
  /** External order id. */
  id: Float64Array;
  /** Owner (agent) id; below 0 = anonymous. */
  owner: Int32Array;
  /** +1 bid, −1 ask. */
  side: Int8Array;
  /** Limit price in ticks. */
  price: Int32Array;
  /** Remaining (unfilled) size in lots. */
  qty: Int32Array;
  /** Arrival time (ns) of the order's current priority. */
  tsNs: Float64Array;
  /** Previous order in the level's queue (older), or NIL. */
  prev: Int32Array;
  /** Next order in the level's queue (newer), or NIL; also links the free list. */
  next: Int32Array;
  #freeHead = NIL;
  #used = 0;
  #live = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.id = new Float64Array(n);
    this.owner = new Int32Array(n);
    this.side = new Int8Array(n);
    this.price = new Int32Array(n);
    this.qty = new Int32Array(n);
    this.tsNs = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
  }

  /** Number of live records. */
  get live(): number {
    return this.#live;
  }

  /** Capacity of the pool (grows by doubling). */
  get capacity(): number {
    return this.id.length;
  }

  /** Takes a record from the pool and returns its handle. */
  alloc(): number {
    this.#live++;
    if (this.#freeHead !== NIL) {
      const h = this.#freeHead;
      this.#freeHead = this.next[h];
      return h;
    }
    if (this.#used === this.id.length) this.#grow();
    return this.#used++;
  }

  /** Returns a record to the pool. */
  free(h: number): void {
    this.#live--;
    this.qty[h] = 0;
    this.next[h] = this.#freeHead;
    this.#freeHead = h;
  }

  /** Drops every record. */
  clear(): void {
    this.#freeHead = NIL;
    this.#used = 0;
    this.#live = 0;
  }

  #grow(): void {
    const n = this.id.length * 2;
    const growF64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const growI32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.id = growF64(this.id);
    this.tsNs = growF64(this.tsNs);
    this.owner = growI32(this.owner);
    this.price = growI32(this.price);
    this.qty = growI32(this.qty);
    this.prev = growI32(this.prev);
    this.next = growI32(this.next);
    const side = new Int8Array(n);
    side.set(this.side);
    this.side = side;
  }
}
