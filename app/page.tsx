import { redirect } from "next/navigation";
import { DEFAULT_SIGNED_IN_PATH } from "@/lib/navigation";
import { getViewer } from "@/server/auth/viewer";

export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? DEFAULT_SIGNED_IN_PATH : "/sign-in");
}
