import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";

export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? "/dashboard" : "/sign-in");
}
