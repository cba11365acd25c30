import { EmptySection } from "../_components/coming-section";
import { requireCreatorPage } from "../_lib/guards";

export const metadata = { title: "Tiers" };

export default async function TiersPage() {
  await requireCreatorPage("/studio/tiers");
  return (
    <EmptySection title="Tiers">
      <p className="font-medium text-ink">Membership tiers are not available yet.</p>
      <p>Every post you publish today is public. Free and paid tiers, and posts only members can read, arrive here next.</p>
    </EmptySection>
  );
}
