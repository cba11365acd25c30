import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { siteOrigin } from "@/server/http/site-origin";
import "./globals.css";

// NOTE: a function, not a constant, so the origin is read from the configuration at run time; without
// metadataBase Next would resolve canonical and OpenGraph addresses against localhost.
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteOrigin()),
    title: { default: "Atelier", template: "%s · Atelier" },
    description: "Write, publish and share your work with the people who support it.",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#fafaf9" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // NOTE: every page renders per request for now, so each gets its own CSP nonce (proxy.ts): a page
  // prerendered at build time would carry scripts without one and the policy would block them.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans antialiased">{children}</body>
    </html>
  );
}
