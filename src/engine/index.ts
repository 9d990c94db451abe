/** The pure engine: every model of the add-in, with no Office, DOM or React. */
export * from "./errors";
export * from "./table";
export * from "./sorting";
export * from "./classifyByFloors";
export * from "./normalize";
export * from "./weights";
export * from "./weightedMean";
export * from "./score";
export * from "./tiers";
export * from "./abc";
export * from "./pareto";
export * from "./scorecard";
export * from "./valueMatrix";
export * from "./rating";
