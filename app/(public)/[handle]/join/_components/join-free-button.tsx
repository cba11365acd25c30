"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export function JoinFreeButton({ tierId, tierName, next }: { tierId: string; tierName: string; next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(
    trpc.membership.joinFree.mutationOptions({
      onSuccess: () => {
        router.push(next);
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-2">
      <FormError message={join.error ? uiError(join.error).message : null} />
      <Button className="w-full" disabled={join.isPending || join.isSuccess} onClick={() => join.mutate({ tierId })}>
        {join.isPending ? "Joining…" : join.isSuccess ? "Joined" : `Join ${tierName} for free`}
      </Button>
    </div>
  );
}
