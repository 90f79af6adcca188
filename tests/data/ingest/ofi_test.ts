import { strict as assert } from "node:assert";
import { ofiIncrements } from "../../../lib/data/ingest/ofi.ts";

const f = (xs: number[]) => new Float64Array(xs);

Deno.test("ofi: each case of the Cont–Kukanov–Stoikov increment, by hand", () => {
  // state: (bid, bid size, ask, ask size)
  const states: [number, number, number, number][] = [
    [10.0, 5, 10.02, 6], // 0: first state, e = 0
    [10.0, 8, 10.02, 6], // 1: bid size 5 → 8 at the same price: +8 − 5 = +3
    [10.01, 2, 10.02, 6], // 2: bid improves: +2 (new bid size), old bid not subtracted
    [10.0, 8, 10.02, 6], // 3: bid falls back: −2 (old size), new size not added
    [10.0, 8, 10.01, 4], // 4: ask improves: −4 (new ask size)
    [10.0, 8, 10.02, 9], // 5: ask retreats: +4 (old ask size)
    [10.0, 8, 10.02, 1], // 6: ask size 9 → 1 at the same price: −1 + 9 = +8
    [10.0, 8, 10.02, 1], // 7: nothing changes: 0
  ];
  const e = ofiIncrements(
    f(states.map((s) => s[0])),
    f(states.map((s) => s[1])),
    f(states.map((s) => s[2])),
    f(states.map((s) => s[3])),
  );
  assert.deepEqual([...e], [0, 3, 2, -2, -4, 4, 8, 0]);
});

Deno.test("ofi: an empty side is price ∓∞ with size 0", () => {
  // bid side appears (+5), then the ask appears (−7), then the bid empties (−5).
  const e = ofiIncrements(
    f([NaN, 10, 10, NaN]),
    f([0, 5, 5, 0]),
    f([NaN, NaN, 10.02, 10.02]),
    f([0, 0, 7, 7]),
  );
  assert.deepEqual([...e], [0, 5, -7, -5]);
});

Deno.test("ofi: no states, one state", () => {
  assert.equal(ofiIncrements(f([]), f([]), f([]), f([])).length, 0);
  assert.deepEqual([...ofiIncrements(f([1]), f([2]), f([3]), f([4]))], [0]);
});
