/**
 * The plotly.js bundle (`npm:plotly.js-dist-min`, pinned in deno.json) as
 * text, for inlining once into a self-contained HTML page that opens offline.
 * Deno installs it into `node_modules/` with the other packages of the import
 * map; it is read from there (needs `--allow-read`), never imported (it is a
 * browser bundle).
 * @module
 */

/** Reads the minified plotly.js bundle; throws naming the path and the fix if it is missing. */
export async function readPlotlyBundle(): Promise<string> {
  const main = new URL(import.meta.resolve("plotly.js-dist-min"));
  const bundle = new URL("./plotly.min.js", main);
  try {
    return await Deno.readTextFile(bundle);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new Error(
      `plotly.js bundle not found at ${bundle.pathname}; run \`deno install\` to fetch the packages of deno.json`,
    );
  }
}

/** Text safe to put inside a `<script>` element (no `</script` can end it early). */
export function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1");
}
