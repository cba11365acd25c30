// The floor for an autosave: the same request body at the same path, parsed and answered in the
// shape tRPC answers (the next version), with no session, validation or database behind it.
export const dynamic = "force-dynamic";

type SaveBatch = Record<string, { json: { id: string; baseVersion: number } }>;

export async function POST(request: Request) {
  const batch = (await request.json()) as SaveBatch;
  const save = batch["0"]!.json;
  return Response.json([{ result: { data: { json: { id: save.id, version: save.baseVersion + 1 } } } }], {
    headers: { "cache-control": "private, no-store" },
  });
}
