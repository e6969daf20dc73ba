import "server-only";
import { parseFleetQuery, FLEET_PARAMS, type FleetQuery } from "../../lib/search-params/fleet";
import { readFleetNow, selectFleet, type FleetRead, type FleetResult } from "../fleet/read";
import { InvalidParameterError } from "./respond";
import { requireViewer } from "./viewer";


export function strictFleetQuery(request: Request): FleetQuery {
  const params = new URL(request.url).searchParams;
  const { query, invalid } = parseFleetQuery((name) => params.getAll(name), "strict");
  if (invalid) throw new InvalidParameterError(invalid);
  return query;
}

/** The signed-in operator's fleet for a fleet API request: 401 without a session, 400 for a bad parameter. */
export async function fleetForRequest(request: Request, opts: { paged: boolean }): Promise<FleetResult & Pick<FleetRead, "now" | "read">> {
  const query = strictFleetQuery(request);
  const viewer = await requireViewer(request);
  const fleet = await readFleetNow(viewer.userId);
  return { ...(await selectFleet(fleet, query, opts)), now: fleet.now, read: fleet.read };
}

export { FLEET_PARAMS };
