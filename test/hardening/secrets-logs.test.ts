// No secret in any log line: manage and one-time tokens are redacted from
// request URLs (Fastify's request logs and error logs), and a failed query's
// values (password hashes, token hashes, sealed tokens) appear neither in the
// error it throws nor in its log line. A real app with Convene's own logger
// writing to a stream.
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { databaseError } from "../../src/adapters/db/client.js";
import { sessions } from "../../src/adapters/db/schema.js";
import { createLogger } from "../../src/main.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, useTestApp } from "../support/test-app.js";

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  return { lines, logger: createLogger({ logLevel: "debug" }, stream) };
}

describeOnEngines("secrets in logs", (engine) => {
  const logs = captureLogs();
  const t = useTestApp(engine, { logger: logs.logger });

  it("never logs a manage or one-time token, on any route that carries one", async () => {
    const owner = await signUpOwner(t.app);
    const { link, manageToken } = await createLinkAndBook(t.app, owner, { link: { slug: "logs" } });
    const oneTime = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(owner), payload: { recipient: { email: "grace@example.com", name: "Grace" } } });
    expect(oneTime.statusCode, oneTime.body).toBe(201);
    const oneTimeToken: string = oneTime.json().token;
    expect(manageToken.length).toBeGreaterThan(15);

    const calls = [
      `/api/v1/public/manage/${manageToken}`,
      `/manage/${manageToken}`,
      `/api/v1/public/one-time/${oneTimeToken}`,
      `/api/v1/public/one-time/${oneTimeToken}/slots?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z`,
      `/t/${oneTimeToken}`,
      `/api/v1/public/manage/${manageToken}/nowhere`, // a 404 whose message quotes the URL
      `/api/v1/public/manage/${manageToken}x`, // an unknown token
    ];
    for (const url of calls) await t.app.inject({ method: "GET", url });
    await t.app.inject({ method: "POST", url: `/api/v1/public/manage/${manageToken}/cancel`, payload: { reason: 42 } }); // a 400
    await t.app.inject({ method: "POST", url: `/api/v1/one-time/${oneTimeToken}/revoke`, headers: bearer(owner) });

    const requestLines = logs.lines.filter((line) => line.includes('"url"'));
    expect(requestLines.length).toBeGreaterThan(calls.length);
    expect(logs.lines.join("\n")).toContain("/manage/[redacted]");
    for (const line of logs.lines) {
      expect(line).not.toContain(manageToken);
      expect(line).not.toContain(oneTimeToken);
    }
  });

  it("throws and logs a failed query with its SQL and SQLSTATE but without its values", async () => {
    const secretHash = "argon2id-v19-m65536-SECRETHASHVALUE";
    let thrown: unknown;
    try {
      // Not a uuid: fails in the driver with the values bound as parameters.
      await t.database.db.insert(sessions).values({ tenantId: "not-a-uuid", userId: "not-a-uuid", tokenHash: secretHash, csrfToken: "csrf-SECRET", expiresAt: new Date() });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(databaseError(thrown).sqlState).toBe("22P02");
    expect(String((thrown as Error).message)).toContain("Failed query: insert into \"sessions\"");
    const inspect = (value: unknown): string => JSON.stringify(value, Object.getOwnPropertyNames(value as object)) + ((value as { cause?: unknown }).cause ? inspect((value as { cause?: unknown }).cause) : "");
    expect(inspect(thrown)).not.toContain("SECRETHASHVALUE");

    const before = logs.lines.length;
    logs.logger.error({ err: thrown }, "query failed");
    // And the logger's own defence, for an error that did not come through the adapter.
    logs.logger.error({ err: new DrizzleQueryError("select $1", [secretHash], Object.assign(new Error("boom"), { code: "XX000", detail: `Key (token_hash)=(${secretHash})`, params: [secretHash] })) }, "raw failure");
    const written = logs.lines.slice(before);
    expect(written).toHaveLength(2);
    expect(written[0]).toContain("22P02");
    for (const line of written) expect(line).not.toContain("SECRETHASHVALUE");

    // Queries that do work are unaffected.
    expect((await t.database.executeSql("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await t.database.db.execute(sql`select 1`);
  });
});
