export * from "./lb-controller";
export * from "./values";
