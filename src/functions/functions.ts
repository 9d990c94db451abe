/**
 * Every CV.* custom function, exported under its JS name so tests call it with 2-D arrays,
 * the way Excel calls it. Each family lives in its own file; sources.json lists those files,
 * and webpack.config.js hands that list to the metadata generator, which writes
 * functions.json from their JSDoc and registers each function. Re-export exactly the files
 * of sources.json, in its order (test/build/functionsMetadata.test.ts checks it).
 */
export * from "./valueScoring";
export * from "./behaviour";
export * from "./lifecycle";
export * from "./clvFormulas";
export * from "./lifetimeValue";
export * from "./paretoNbd";
export * from "./mbgnbd";
export * from "./bgbb";
export * from "./holdout";
export * from "./btydValue";
export * from "./crossSell";
export * from "./development";
export * from "./clusters";
