import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { AccountNav } from "../account-nav";
import { AdultPagesToggle } from "./adult-pages-toggle";

export const metadata: Metadata = { title: "Account settings", robots: { index: false } };

export default async function AccountSettingsPage() {
  if (!(await getViewer())) redirect("/login?callbackUrl=/account/settings");
  const showsAdultPages = await caller.discovery.showsAdultPages();
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-3xl px-5 py-10">
        <AccountNav current="/account/settings" />
        <h1 className="font-serif text-3xl font-bold">Settings</h1>
        <section aria-labelledby="discovery-heading" className="mt-8 rounded-2xl border border-line bg-card p-5">
          <h2 id="discovery-heading" className="text-lg font-semibold">
            Explore and search
          </h2>
          <AdultPagesToggle initiallyOn={showsAdultPages} />
        </section>
      </main>
    </TRPCReactProvider>
  );
}
