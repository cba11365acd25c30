import { requireCreatorPage } from "../_lib/guards";
import { DefaultAccess } from "./_components/default-access";
import { TiersManager } from "./_components/tiers-manager";

export const metadata = { title: "Tiers" };

export default async function TiersPage() {
  const creator = await requireCreatorPage("/studio/tiers");
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-5 sm:py-10">
      <h1 className="text-2xl font-bold">Tiers</h1>
      <p className="mt-2 text-muted">
        What people can join, and at what price. A price change applies to new members; people already in a tier keep the price
        they joined at.
      </p>
      <TiersManager currency={creator.currency} handle={creator.handle} />
      <DefaultAccess />
    </main>
  );
}
