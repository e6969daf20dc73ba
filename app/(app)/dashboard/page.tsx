import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const tenant = viewer.currentTenant;
  return (
    <div>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-2 text-slate-700">
        {tenant ? <>Current tenant: <strong>{tenant.tenantName}</strong> ({tenant.role})</> : "You are not a member of any tenant yet."}
      </p>
    </div>
  );
}
