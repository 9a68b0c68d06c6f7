// The web app is typed from the server's OpenAPI document; this fails when a
// route changed and web/src/api/openapi.d.ts was not regenerated.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { generateOpenApiTypes, OPENAPI_TYPES_PATH } from "../../scripts/openapi-types.js";

test("web/src/api/openapi.d.ts matches the routes (run `npm run api:types`)", async () => {
  expect(readFileSync(OPENAPI_TYPES_PATH, "utf8")).toBe(await generateOpenApiTypes());
});
