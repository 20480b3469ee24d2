export { loadConfig, LoadContext } from "./load";
export { ConfigError, ConfigIssue, formatIssue } from "./errors";
export * from "./types";
export { CONFIG_SECTIONS } from "./schema";
export { GLOBAL_EDGE_REGION } from "./regions";
