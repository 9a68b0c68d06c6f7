// The web app is typed from the server's OpenAPI document; this fails when a
// route changed and web/src/api/openapi.d.ts was not regenerated. The document
// describes every error answer as a Problem whose `code` is the registry's enum,
// so the web app's error handling is type-checked against the real codes.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { ERROR_CODES } from "../../src/core/errors.js";
import { STATUS_BY_CODE } from "../../src/http/problem.js";
import { generateOpenApiTypes, openApiDocument, OPENAPI_TYPES_PATH } from "../../scripts/openapi-types.js";

test("web/src/api/openapi.d.ts matches the routes (run `npm run api:types`)", async () => {
  expect(readFileSync(OPENAPI_TYPES_PATH, "utf8")).toBe(await generateOpenApiTypes());
});

test("the document's Problem schema lists every error code, and every documented operation answers errors with it", async () => {
  const document = (await openApiDocument()) as unknown as {
    components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }>; required: string[] }> };
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
  };
  const problem = document.components.schemas["Problem"]!;
  expect(problem.properties["code"]!.enum).toEqual([...ERROR_CODES]);
  expect([...ERROR_CODES].sort()).toEqual(Object.keys(STATUS_BY_CODE).sort());
  expect(problem.required.sort()).toEqual(["code", "requestId", "status", "title", "type"]);

  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })));
  expect(operations.length).toBeGreaterThan(30);
  for (const { name, operation } of operations) {
    for (const range of ["4XX", "5XX"]) {
      expect(operation.responses[range]?.content?.["application/problem+json"]?.schema.$ref, `${name} ${range}`).toBe("#/components/schemas/Problem");
    }
  }
});
