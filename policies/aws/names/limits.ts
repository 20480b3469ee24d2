import { COMPUTE_ROWS } from "./rows-compute";
import { DATA_ROWS } from "./rows-data";
import { EDGE_ROWS } from "./rows-edge";
import type { NameRow } from "./row";

export type { NameRow } from "./row";

/**
 * The physical-name rules AWS enforces at create time, per resource type and the input that carries
 * the name, for every type in the dev and prod plans that takes a name we choose. A row exists only
 * when its rules were read at the cited source; name inputs of the plans without a row are listed,
 * with why, in `coverage.ts` rather than guessed.
 */
export const NAME_RULES: readonly NameRow[] = [...COMPUTE_ROWS, ...DATA_ROWS, ...EDGE_ROWS];
