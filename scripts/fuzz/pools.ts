// What the run has created on the server (ids, tokens, handles and slugs, free
// slots), so fuzzed requests name real things and get past routing and lookup
// into validation and the use cases. Pools grow from every successful answer
// (a fuzzed booking's manage token is the next request's path) and are capped.
import type { RefKind } from "./schema-values.js";

export type Credentials = {
  apiKey: string;
  cookie: string;
  csrfToken: string;
  email: string;
  password: string;
};

const POOL_CAP = 300;

export class Pools {
  private readonly values = new Map<RefKind | "victimLinkId", string[]>();
  /** handle/slug pairs of active links; the fixtures' own come first and stay. */
  pairs: { handle: string; slug: string }[] = [];

  add(kind: RefKind | "victimLinkId", value: string) {
    const pool = this.values.get(kind) ?? [];
    if (pool.includes(value)) return;
    pool.push(value);
    // Keep the fixtures' first entries; drop the oldest harvested ones.
    if (pool.length > POOL_CAP) pool.splice(10, 1);
    this.values.set(kind, pool);
  }

  addPair(handle: string, slug: string) {
    if (this.pairs.some((pair) => pair.handle === handle && pair.slug === slug)) return;
    this.pairs.push({ handle, slug });
    if (this.pairs.length > POOL_CAP) this.pairs.splice(10, 1);
  }

  replace(kind: RefKind, values: string[]) {
    this.values.set(kind, values.slice(0, POOL_CAP));
  }

  pick(kind: RefKind | "victimLinkId", pick: number): string | undefined {
    const pool = this.values.get(kind);
    return pool && pool.length > 0 ? pool[pick % pool.length] : undefined;
  }

  size(kind: RefKind | "victimLinkId"): number {
    return this.values.get(kind)?.length ?? 0;
  }

  /** Learns ids, tokens and links from a successful JSON answer. */
  harvest(method: string, pathTemplate: string, answer: unknown) {
    if (typeof answer !== "object" || answer === null) return;
    walk(answer, (key, value) => {
      if (typeof value !== "string") return;
      if (key === "manageApiUrl") {
        const token = /\/public\/manage\/([^/?#]+)$/.exec(value)?.[1];
        if (token) this.add("manageToken", token);
      }
      if (key === "apiUrl") {
        const pair = /\/public\/links\/([^/?#]+)\/([^/?#]+)$/.exec(value);
        if (pair) this.addPair(decodeURIComponent(pair[1]!), decodeURIComponent(pair[2]!));
        const token = /\/public\/one-time\/([^/?#]+)$/.exec(value)?.[1];
        if (token) this.add("oneTimeToken", token);
      }
    });
    const id = (answer as { id?: unknown }).id;
    if (method !== "POST" || typeof id !== "string") return;
    if (pathTemplate === "/api/v1/links" || pathTemplate === "/api/v1/links/{id}/duplicate") {
      this.add("linkId", id);
      this.add("victimLinkId", id);
    } else if (pathTemplate === "/api/v1/templates") this.add("templateId", id);
    else if (pathTemplate === "/api/v1/api-keys") this.add("apiKeyId", id);
    else if (pathTemplate.endsWith("/bookings")) this.add("bookingId", id);
  }
}

function walk(value: unknown, visit: (key: string, value: unknown) => void, depth = 0) {
  if (depth > 6 || typeof value !== "object" || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    visit(key, child);
    walk(child, visit, depth + 1);
  }
}
