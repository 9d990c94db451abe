/**
 * The lifecycle and qualification CV.* custom functions (methods §7, §10): stages with
 * reasons, stage transitions, growth classes, prospect temperature and MAN. Parsing and
 * shaping only; the maths is in src/engine.
 */
export {};
