// Types for page-store.mjs (plain JavaScript, loaded by Next.js outside the bundle).
export declare const SITE_SCOPE: "site";
export declare function scopeOfPath(path: string): string;
export declare function pathOfKey(key: string): string;

export type PageEntry = { lastModified: number; value: unknown; cacheControl?: unknown };

export interface PageStore {
  readonly shared: boolean;
  readonly counts: { hits: number; misses: number };
  get(key: string): Promise<PageEntry | null>;
  set(key: string, value: unknown, cacheControl?: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  invalidate(scopes: readonly string[], at?: Date): Promise<void>;
  clearLocal(): void;
}

export declare function pageStore(): PageStore;
