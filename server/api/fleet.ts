import "server-only";
import { parseFleetQuery, FLEET_PARAMS, type FleetQuery } from "../../lib/search-params/fleet";
import { fleetView, type FleetView } from "../fleet/read";
import { InvalidParameterError } from "./respond";
import { requireViewer } from "./viewer";


export function strictFleetQuery(request: Request): FleetQuery {
  const params = new URL(request.url).searchParams;
  const { query, invalid } = parseFleetQuery((name) => params.getAll(name), "strict");
  if (invalid) throw new InvalidParameterError(invalid);
  return query;
}

/** The signed-in operator's fleet for a fleet API request: 401 without a session, 400 for a bad parameter. */
export async function fleetForRequest(request: Request, opts: { paged: boolean }): Promise<FleetView> {
  const query = strictFleetQuery(request);
  const viewer = await requireViewer(request);
  return fleetView(viewer.userId, query, opts);
}

export { FLEET_PARAMS };
