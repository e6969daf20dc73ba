/** The recovery domain: pure functions from plain rows + `now` to the seed's value objects. */
export * from "./vocabulary";
export * from "./types";
export * from "./copy";
export * from "./surface-copy";
export * from "./fleet-copy";
export * from "./age";
export * from "./backup-health";
export * from "./results";
export * from "./result-attention";
export * from "./freshness";
export * from "./evidence-summary";
export * from "./needs-attention";
export * from "./assessment";
export * from "./tenant-order";
export * from "./fleet";
