/**
 * Every CV.* custom function, exported under its JS name so tests call it with 2-D arrays,
 * the way Excel calls it. Each family lives in its own file; webpack.config.js lists those
 * files for the metadata generator, which writes functions.json from their JSDoc and
 * registers each function.
 */
export * from "./valueScoring";
export * from "./behaviour";
export * from "./lifecycle";
export * from "./clvFormulas";
export * from "./lifetimeValue";
export * from "./crossSell";
export * from "./development";
