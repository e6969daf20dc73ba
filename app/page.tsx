import { redirect } from "next/navigation";
import { hasSeveralTenants } from "@/db/queries/access";
import { getViewer } from "@/server/auth/viewer";

/**
 * The default destination (also where sign-in lands when no page was requested): the fleet for an
 * operator of several tenants (§10), the dashboard for an operator of one.
 */
export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  redirect((await hasSeveralTenants(viewer.userId)) ? "/fleet" : "/dashboard");
}
