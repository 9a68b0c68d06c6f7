// Runs a run's plans against one fresh server: the first half one at a time,
// the second half several at a time (races between bad requests are bugs too),
// and judges every answer.
import type http from "node:http";
import { buildWorld, refreshLinks, refreshSlots, signIn, type World } from "./fixtures.js";
import { BODY_LIMIT_BYTES, type Plan } from "./plans.js";
import { buildRequest, type WireRequest } from "./request.js";
import { createAgent, send } from "./send.js";
import type { FuzzServer } from "./server.js";
import { routeOf, type Operation } from "./spec.js";
import { judge } from "./verdict.js";

export type Outcome = {
  index: number;
  phase: "sequential" | "concurrent";
  route: string;
  method: string;
  path: string;
  input: string;
  bodyPreview: string;
  headerNames: string[];
  status: number | null;
  contentType: string;
  durationMs: number;
  responsePreview: string;
  reasons: string[];
  serverLog: string | undefined;
};

export type RunOptions = { concurrency: number; slowMs: number; timeoutMs: number; onProgress?: (done: number) => void; onFailure?: (outcome: Outcome) => void };

const REFRESH_EVERY = 500;

export async function runPlans(server: FuzzServer, operations: Operation[], plans: Plan[], options: RunOptions): Promise<{ outcomes: Outcome[]; world: World; crashed: string | null }> {
  const world = await buildWorld(server.baseUrl);
  const baseUrl = new URL(server.baseUrl);
  const outcomes: Outcome[] = [];
  let crashed: string | null = null;
  const half = Math.ceil(plans.length / 2);

  const runOne = async (index: number, agent: http.Agent) => {
    const plan = plans[index]!;
    const operation = operations[plan.operationIndex]!;
    let credentials = world.credentials;
    // Signing out with the run's own session would sign every later cookie request out: use a fresh one.
    if (operation.pathTemplate === "/api/v1/auth/logout" && plan.auth.startsWith("cookie")) {
      credentials = { ...credentials, ...(await signIn(server.baseUrl, credentials.email, credentials.password)) };
    }
    const requestId = `fuzz-${index}`;
    const request = buildRequest(plan, operation, world.pools, credentials, Date.now(), requestId);
    const answer = await send(baseUrl, request, agent, options.timeoutMs);
    const judged = judge({ method: request.method, path: request.path, headersText: headersText(request), bodyText: request.body?.toString("utf8") ?? "" }, answer, options.slowMs);
    if ("error" in answer && answer.error.startsWith("client refused")) return;
    // A server may answer 413 and close while an over-limit body is still being written: the client sees EPIPE.
    const isClosedOnOverLimitBody = "error" in answer && /EPIPE|ECONNRESET/.test(answer.error) && (request.body?.length ?? 0) > BODY_LIMIT_BYTES;
    const reasons = isClosedOnOverLimitBody ? [] : judged;
    const outcome: Outcome = {
      index,
      phase: index < half ? "sequential" : "concurrent",
      route: routeOf(operation),
      method: request.method,
      path: request.path,
      input: request.input,
      bodyPreview: request.bodyPreview,
      headerNames: Object.keys(request.headers),
      status: "error" in answer ? null : answer.status,
      contentType: "error" in answer ? "" : answer.contentType,
      durationMs: answer.durationMs,
      responsePreview: "error" in answer ? answer.error : answer.body.slice(0, 400),
      reasons,
      serverLog: reasons.length > 0 ? server.loggedErrorOf(requestId) : undefined,
    };
    outcomes.push(outcome);
    options.onProgress?.(outcomes.length);
    if (reasons.length > 0) options.onFailure?.(outcome);
    if ("error" in answer) {
      if (server.exitCode() !== null) crashed = `the server exited (${server.exitCode()}) at request #${index}: ${request.method} ${request.path.slice(0, 200)} (${request.input})\n${server.output().slice(-3000)}`;
      return;
    }
    if (answer.status >= 200 && answer.status < 300 && answer.contentType.includes("json") && answer.body) {
      try {
        world.pools.harvest(operation.method, operation.pathTemplate, JSON.parse(answer.body));
      } catch {
        // Not JSON after all: nothing to learn.
      }
      if (operation.pathTemplate === "/api/v1/me" && request.method === "PATCH") await refreshLinks(server.baseUrl, world);
    }
  };

  const runPhase = async (from: number, to: number, concurrency: number) => {
    const agent = createAgent(concurrency);
    let next = from;
    const worker = async () => {
      while (next < to && !crashed) {
        const index = next++;
        if (index % REFRESH_EVERY === 0) await refreshSlots(server.baseUrl, world.pools).catch(() => undefined);
        await runOne(index, agent);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    agent.destroy();
  };

  await runPhase(0, half, 1);
  if (!crashed) await runPhase(half, plans.length, options.concurrency);
  outcomes.sort((a, b) => a.index - b.index);
  return { outcomes, world, crashed };
}

function headersText(request: WireRequest): string {
  return Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}
