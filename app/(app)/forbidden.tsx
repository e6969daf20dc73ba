import { AccessDenied } from "@/components/ui/access-denied";

/** 403 inside the signed-in shell (its layout provides the header and <main>). */
export default function Forbidden() {
  return <AccessDenied />;
}
