// GET /embed.js: the widget other sites load (web/public/embed.js, copied into
// web/dist by the build). Read once at start-up; a short max-age lets a fix
// reach every embedding site within minutes, and the ETag makes each recheck
// a 304. Any site may load it: the allow-list governs framing, not the script.
import type { FastifyInstance } from "fastify";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const EMBED_SCRIPT_PATH = "/embed.js";
const MAX_AGE_SECONDS = 300;

export function registerEmbedScript(app: FastifyInstance, webRoot: string): void {
  const file = path.join(webRoot, "embed.js");
  if (!existsSync(file)) return;
  const body = readFileSync(file);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  app.get(EMBED_SCRIPT_PATH, { schema: { hide: true } }, async (request, reply) => {
    reply
      .header("cache-control", `public, max-age=${MAX_AGE_SECONDS}`)
      .header("etag", etag)
      .header("cross-origin-resource-policy", "cross-origin")
      .header("access-control-allow-origin", "*");
    const candidates = (request.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (candidates.includes(etag) || candidates.includes("*")) return reply.status(304).send();
    return reply.type("text/javascript; charset=utf-8").send(body);
  });
}
