export * from "./auth";
export * from "./creators";
export * from "./posts";
export * from "./platform";
export * from "./memberships";
export * from "./media";
export * from "./notifications";
export * from "./discovery";
