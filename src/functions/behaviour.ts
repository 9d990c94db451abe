/**
 * The behaviour CV.* custom functions (methods §6, §8): RFM from transactions or
 * summaries, RFM segments, and silence. Parsing and shaping only; the maths is in src/engine.
 */
export {};
