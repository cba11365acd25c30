// The process's own log lines, read as the logger writes them (JSON lines on stdout), for tests
// that assert what an operator would read.
import { vi } from "vitest";

/** The fields of a line these tests read; see server/observability/log.ts. */
export type LogLine = {
  level: string;
  msg: string;
  requestId?: string;
  procedure?: string;
  method?: string;
  path?: string;
  status?: number;
  err?: { message: string; stack: string };
};

/** Runs `act` and returns its result with every JSON line written to stdout meanwhile. */
export async function logged<T>(act: () => Promise<T>): Promise<{ result: T; lines: LogLine[] }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const result = await act();
    const lines = chunks
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);
    return { result, lines };
  } finally {
    spy.mockRestore();
  }
}
