// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module "autocannon" {
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p2_5: number;
    p50: number;
    p75: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  };

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Requests; overrides duration. */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    method?: "GET" | "POST";
    body?: string;
    /** Requests per second across all connections (per worker). */
    overallRate?: number;
  };

  export type Result = {
    url: string;
    /** Requests completed per second, sampled each second; `total` is all completed requests. */
    requests: Histogram & { sent: number };
    /** Milliseconds, 2xx responses only. */
    latency: Histogram & { totalCount: number };
    /** Bytes per second; `total` is all bytes received. */
    throughput: Histogram;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export default function autocannon(options: Options): Promise<Result>;
}
