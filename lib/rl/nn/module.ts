/**
 * What every network piece offers: a name, its variables in a fixed order,
 * and `dispose`. Variable names are `${module name}/${path}` and must be
 * unique in the process (TensorFlow.js refuses a second variable of the
 * same name until the first is disposed), so give each network its own
 * name (`maddpg/agent0/actor`, `maddpg/agent0/actor_target`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { namedVariables } from "./module.ts";
 * const v = tf.variable(tf.zeros([2]), true, "demo/module/w");
 * const m = { name: "demo/module", variables: () => [v], dispose: () => v.dispose() };
 * assert.deepEqual(Object.keys(namedVariables([m])), ["demo/module/w"]);
 * m.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";

/** A network or layer holding variables. */
export interface Module {
  /** Prefix of every variable name of the module. */
  readonly name: string;
  /** The module's variables, in a fixed order. */
  variables(): tf.Variable[];
  /** Releases the variables (and their names). */
  dispose(): void;
}

/** The variables of `modules` by name; throws on a duplicate name. */
export function namedVariables(modules: readonly Module[]): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const m of modules) {
    for (const v of m.variables()) {
      if (v.name in out) throw new Error(`namedVariables: variable ${v.name} appears twice`);
      out[v.name] = v;
    }
  }
  return out;
}

/** The total number of scalar parameters of `modules`. */
export function parameterCount(modules: readonly Module[]): number {
  let n = 0;
  for (const m of modules) for (const v of m.variables()) n += v.size;
  return n;
}
