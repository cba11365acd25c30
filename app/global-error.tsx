"use client";
// When even the root layout could not be rendered: the same page as app/error.tsx, in a document of
// its own (this replaces the root layout, styles included): plain words, a reference to quote, a retry.
import type { ReactNode } from "react";
import ErrorPage from "./error";
import "./globals.css";

export default function GlobalError(props: { error: unknown; retry: () => void }): ReactNode {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans antialiased">
        <title>Atelier</title>
        <ErrorPage {...props} />
      </body>
    </html>
  );
}
