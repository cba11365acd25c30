export * from "./auth";
export * from "./creators";
export * from "./posts";
export * from "./platform";
