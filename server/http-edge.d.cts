import type { BlockList } from "node:net";

export function install(env?: NodeJS.ProcessEnv): boolean;
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList | null): string | null;
export function parseTrustProxy(value: string | undefined): BlockList | null;
export function normalizeAddress(address: unknown): string | null;
export function markDatabaseUnavailable(): void;
