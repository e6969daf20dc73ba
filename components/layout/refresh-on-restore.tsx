"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * A page the browser restores from its back/forward cache was rendered for the tenant that was current
 * then; the session's tenant may have changed since. Re-render it from the server on restore, so header
 * and data always show the session's current tenant, together.
 */
export function RefreshOnRestore() {
  const router = useRouter();
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) router.refresh();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, [router]);
  return null;
}
