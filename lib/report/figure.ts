/**
 * A report figure: plotly traces and layout plus the id and title it is
 * shown and exported under (`figures/<id>.svg`, `figures/<id>.png`).
 * @module
 */

/** One chart of the report. */
export interface FigureSpec {
  /** File-name-safe id, unique in the report (`[a-z0-9-]+`). */
  id: string;
  /** Title shown above the chart and in the layout. */
  title: string;
  /** Plotly traces. */
  data: Record<string, unknown>[];
  /** Plotly layout (the title is added). */
  layout: Record<string, unknown>;
}

/** A figure id from free text: lower case, runs of other characters turned into "-". */
export function figureId(...parts: string[]): string {
  return parts.join("-").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** A layout with axis titles. */
export function axes(x: string, y: string, extra: Record<string, unknown> = {}): Record<
  string,
  unknown
> {
  return { xaxis: { title: { text: x } }, yaxis: { title: { text: y } }, ...extra };
}
