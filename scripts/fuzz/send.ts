// Sends a request byte for byte with node:http (fetch would refuse or rewrite
// the bad paths and headers we mean to send) and times it to the last byte.
import http from "node:http";
import zlib from "node:zlib";
import type { WireRequest } from "./request.js";
import type { Answer } from "./verdict.js";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * One connection per request: with keep-alive, a server that drops a connection
 * after answering one request would be blamed on the next request sent over it.
 */
export function createAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: false, maxSockets: concurrency });
}

/** Answers are read as a browser would: decoded per Content-Encoding (the server may compress). */
function decode(body: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(body).toString("utf8");
    if (encoding === "deflate") return zlib.inflateSync(body).toString("utf8");
    if (encoding === "br") return zlib.brotliDecompressSync(body).toString("utf8");
  } catch {
    return `<undecodable ${encoding} body>`;
  }
  return body.toString("utf8");
}

export function send(baseUrl: URL, request: WireRequest, agent: http.Agent, timeoutMs: number): Promise<Answer | { error: string; durationMs: number }> {
  const startedMs = performance.now();
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (value: Answer | { error: string; durationMs: number }) => {
      if (isSettled) return;
      isSettled = true;
      resolve(value);
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) },
        agent,
        // insecureHTTPParser off: we judge what a normal client would read.
      });
    } catch (error) {
      // Node refuses to send this (an invalid header byte, say): not the server's fault, nothing to judge.
      settle({ error: `client refused: ${(error as Error).message}`, durationMs: 0 });
      return;
    }
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    outgoing.on("response", (incoming) => {
      // A server-sent event stream is answered the moment its head arrives and stays open by design
      // (GET /notifications/stream): judge the head, then hang up like a client leaving.
      if (String(incoming.headers["content-type"] ?? "").startsWith("text/event-stream")) {
        clearTimeout(timer);
        settle({ status: incoming.statusCode ?? 0, contentType: String(incoming.headers["content-type"]), body: "", durationMs: performance.now() - startedMs });
        outgoing.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      incoming.on("end", () => {
        clearTimeout(timer);
        settle({
          status: incoming.statusCode ?? 0,
          contentType: String(incoming.headers["content-type"] ?? ""),
          body: decode(Buffer.concat(chunks), incoming.headers["content-encoding"]),
          durationMs: performance.now() - startedMs,
        });
      });
      incoming.on("error", (error) => {
        clearTimeout(timer);
        settle({ error: error.message, durationMs: performance.now() - startedMs });
      });
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      settle({ error: error.code ?? error.message, durationMs: performance.now() - startedMs });
    });
    outgoing.end(request.body ?? undefined);
  });
}
