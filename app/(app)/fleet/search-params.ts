import { parseFleetQuery, type FleetQuery } from "@/lib/fleet-query";

type RawSearchParams = Record<string, string | string[] | undefined>;

/** /fleet's query string: the API's parameters, parsed leniently (a bad value falls back to its default). */
export function parseFleetSearchParams(raw: RawSearchParams | null | undefined): FleetQuery {
  const input = raw ?? {};
  const values = (name: string): string[] => {
    const v = input[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  return parseFleetQuery(values, "lenient").query;
}
