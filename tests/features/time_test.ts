import { strict as assert } from "node:assert";
import { features } from "./_frames.ts";

const NAMES = ["hour_sin", "hour_cos", "minute_sin", "minute_cos", "time_since_open"];

function near(actual: (number | null)[], expected: number[], label: string): void {
  actual.forEach((a, i) => {
    assert(
      a !== null && Math.abs(a - expected[i]) < 1e-12,
      `${label}[${i}]: ${a} ≠ ${expected[i]}`,
    );
  });
}

Deno.test("time features: cyclic hour and minute with fractions, session fraction unclipped", () => {
  const clock = [9.5 * 3600, 9.5 * 3600 + 15 * 60 + 30, 12.75 * 3600, 16 * 3600, 16.5 * 3600];
  const { cols } = features(clock.map((t) => ({ t, bid: 10, ask: 10.01 })), NAMES);
  const hours = [9.5, 9 + 45.5 / 60, 12.75, 16, 16.5];
  const minutes = [30, 45.5, 45, 0, 30];
  const tau = 2 * Math.PI;
  near(cols.hour_sin, hours.map((h) => Math.sin((tau * h) / 24)), "hour_sin");
  near(cols.hour_cos, hours.map((h) => Math.cos((tau * h) / 24)), "hour_cos");
  near(cols.minute_sin, minutes.map((m) => Math.sin((tau * m) / 60)), "minute_sin");
  near(cols.minute_cos, minutes.map((m) => Math.cos((tau * m) / 60)), "minute_cos");
  near(cols.time_since_open, [0, 15.5 / 390, 0.5, 1, 1 + 30 / 390], "time_since_open");
});

Deno.test("time_since_open follows the configured session", () => {
  const { cols } = features(
    [{ t: 8 * 3600, bid: 10, ask: 10.01 }, { t: 10 * 3600, bid: 10, ask: 10.01 }],
    ["time_since_open"],
    { sessionOpenS: 8 * 3600, sessionCloseS: 12 * 3600 },
  );
  near(cols.time_since_open, [0, 0.5], "custom session");
});
