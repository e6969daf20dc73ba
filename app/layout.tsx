import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Recovery Posture", template: "%s · Recovery Posture" },
  description: "What the backup and restore evidence of each tenant supports — and nothing more.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
