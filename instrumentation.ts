// Runs once when the server starts, before it serves: refuse to run without a production secret,
// then bring the database schema up to date.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
