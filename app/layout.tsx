import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Recovery Posture", template: "%s · Recovery Posture" },
  description: "What the backup and restore evidence of each tenant supports — and nothing more.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so Next puts that request's CSP nonce (proxy.ts) on its scripts;
  // a page prerendered at build time would carry scripts the policy blocks.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
