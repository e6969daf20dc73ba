import { redirect } from "next/navigation";
import { fleetSearch } from "@/lib/fleet-query";
import { parseTenantSearch } from "./search-params";

/** The old tenant search: the fleet (§10) lists, searches and opens every tenant, so /tenants?q=… lands there. */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q } = parseTenantSearch(await searchParams);
  redirect(`/fleet${fleetSearch(q ? { q } : {})}`);
}
