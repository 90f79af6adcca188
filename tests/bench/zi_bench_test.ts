/** The ZI benchmark function: counts and shape of its result (never its timings). */

import { strict as assert } from "node:assert";
import { UsageError } from "../../lib/core/errors.ts";
import { runZiBench } from "../../lib/bench/zi_bench.ts";
import { ziParams } from "../../lib/sim/zi/params.ts";

Deno.test("runZiBench: runs books × eventsPerBook events per pass and reports the best pass", () => {
  const r = runZiBench({
    books: 3,
    eventsPerBook: 2_000,
    seed: 1,
    params: ziParams({ levels: 5 }),
  });
  assert.equal(r.events, 6_000);
  assert.equal(r.passSeconds.length, 3);
  assert.equal(r.seconds, Math.min(...r.passSeconds));
  assert.equal(r.eventsPerSecond, r.events / r.seconds);
  assert.equal(r.levels, 5);
  assert(r.simulatedSeconds > 0);
});

Deno.test("runZiBench: bad sizes are usage errors", () => {
  assert.throws(() => runZiBench({ books: 0, eventsPerBook: 10, seed: 1 }), UsageError);
  assert.throws(() => runZiBench({ books: 1, eventsPerBook: 0.5, seed: 1 }), UsageError);
});
