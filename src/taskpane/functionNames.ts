/**
 * The CV.* custom functions the task pane tells the user about (App lists them outside
 * Excel), in the order of src/functions/sources.json and of the @customfunction tags in each
 * file. Not a hand copy: webpack.config.js reads the tags of the listed files at build time
 * and DefinePlugin puts the ids here, so the list is a constant in the browser bundle and
 * follows every function added to or removed from src/functions. test/build checks that the
 * built taskpane.js holds exactly the ids of dist/functions.json.
 */
declare const __CV_FUNCTION_NAMES__: readonly string[];

if (typeof __CV_FUNCTION_NAMES__ === "undefined") {
  // Only webpack defines it: code run outside the bundle (jest, ts-node) that imports this
  // module must define a global __CV_FUNCTION_NAMES__ first.
  throw new Error("__CV_FUNCTION_NAMES__ is injected by webpack.config.js (DefinePlugin); it is not defined outside the bundle");
}

export const CV_FUNCTION_NAMES: readonly string[] = __CV_FUNCTION_NAMES__;
