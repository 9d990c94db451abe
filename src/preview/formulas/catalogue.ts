/**
 * The CV.* functions the preview can call: each function's Excel id ("BGNBD.FIT"), the JS
 * name it is exported under from src/functions/functions.ts ("BGNBD_FIT") and its
 * parameters (matrix or scalar, optional or not, the scalar's type), read from the build's
 * functions.json, the metadata Excel itself reads.
 */

/** One parameter as functions.json declares it. */
export interface FunctionParameter {
  name: string;
  /** True for `dimensionality: "matrix"`: Excel passes a 2-D array. */
  matrix: boolean;
  optional: boolean;
  /** The scalar type ("number", "string", "boolean", "any"); Excel converts to it before the call. */
  type: string;
}

/** One custom function. */
export interface FunctionInfo {
  /** The id after the namespace, upper-case: "SCORE", "BGNBD.FIT". */
  id: string;
  /** The export of src/functions/functions.ts: the id with "." as "_". */
  jsName: string;
  parameters: FunctionParameter[];
}

/** Functions by upper-case id. */
export type Catalogue = ReadonlyMap<string, FunctionInfo>;

/** The namespace of the add-in's functions in Excel. */
export const NAMESPACE = "CV";

interface MetadataParameter {
  name?: unknown;
  dimensionality?: unknown;
  optional?: unknown;
  type?: unknown;
}

/**
 * Builds the catalogue from functions.json's content (`{ functions: [{ id, parameters }] }`).
 * Cost: O(functions × parameters).
 *
 * @throws Error when the content does not have that shape.
 * @example catalogueFromMetadata({ functions: [{ id: "TIER", parameters: [{ name: "scores", dimensionality: "matrix" }] }] }).get("TIER")?.jsName === "TIER"
 */
export function catalogueFromMetadata(metadata: unknown): Catalogue {
  const functions = (metadata as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(functions)) throw new Error("functions.json has no list of functions");
  const out = new Map<string, FunctionInfo>();
  for (const f of functions as Array<{ id?: unknown; parameters?: unknown }>) {
    if (typeof f.id !== "string") throw new Error("a function in functions.json has no id");
    const id = f.id.toUpperCase();
    const parameters = (Array.isArray(f.parameters) ? (f.parameters as MetadataParameter[]) : []).map((p) => ({
      name: String(p.name ?? ""),
      matrix: p.dimensionality === "matrix",
      optional: p.optional === true,
      type: typeof p.type === "string" ? p.type : "any",
    }));
    out.set(id, { id, jsName: id.replace(/\./g, "_"), parameters });
  }
  return out;
}

/**
 * Fetches functions.json (by default from beside the page, where the build puts it) and
 * builds the catalogue. One request.
 *
 * @throws Error with the HTTP status or the network error.
 * @example const catalogue = await fetchCatalogue(); catalogue.has("SCORE")
 */
export async function fetchCatalogue(url = "functions.json"): Promise<Catalogue> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return catalogueFromMetadata(await response.json());
}
