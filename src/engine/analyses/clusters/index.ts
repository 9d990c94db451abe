export * from "./kmeans";
export * from "./settings";
export * from "./details";
export * from "./summary";
export * from "./analysis";
