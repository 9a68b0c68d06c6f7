// Lint: TypeScript's recommended rules plus the architecture's import direction
// (interfaces → use-cases → core ← adapters), each with a message that says why.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const CORE_WHY = "core is pure (ARCHITECTURE.md): no I/O, no clock, no environment; pass them in as arguments";
const io = ["drizzle-orm", "drizzle-orm/*", "pg", "@electric-sql/*", "fastify", "fastify-*", "@fastify/*", "pino", "node:fs", "node:fs/*", "node:net", "node:http", "node:https", "node:child_process", "@node-rs/*"];
const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

const TENANT_SCOPE = { group: ["**/auth/tenant-scope.js"], message: "only the authentication use cases may mint a TenantId" };
// A cast would make any string a tenant scope: a query scoped by it compiles, whoever the tenant is.
const NO_TENANT_CAST = {
  selector: "TSAsExpression[typeAnnotation.typeName.name='TenantId']",
  message: "a TenantId comes from mintTenantId in use-cases/auth/tenant-scope.ts (after the session, API key, token or link vouched for it), never from a cast",
};
const USE_CASE_CLOCK_WHY = "the clock is a dependency: a use case takes nowMs from its RequestContext, so tests drive time and every write of one request agrees on it";
const NO_ARGUMENT_DATE = (message) => ({ selector: "NewExpression[callee.name='Date'][arguments.length=0]", message });
const ENV_ONLY_IN_CONFIG = { object: "process", property: "env", message: "Only src/config.ts reads the environment; take settings from Config." };

function forbid(patterns, message, { mayMintTenants = false } = {}) {
  return ["error", { patterns: [...(patterns.length ? [{ group: patterns, message }] : []), ...(mayMintTenants ? [] : [TENANT_SCOPE])] }];
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "web/dist/**", "coverage/**", "test-results/**", ".convene/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/config.ts"],
    rules: {
      "no-restricted-properties": ["error", ENV_ONLY_IN_CONFIG],
    },
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", NO_TENANT_CAST] },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid([...layer("adapters"), ...layer("http"), ...layer("use-cases"), ...layer("cli"), "**/main.js", "**/config.js", ...io], CORE_WHY),
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: CORE_WHY },
        { object: "Date", property: "now", message: CORE_WHY },
        { object: "Math", property: "random", message: CORE_WHY },
      ],
      "no-restricted-syntax": ["error", NO_ARGUMENT_DATE(CORE_WHY), NO_TENANT_CAST],
    },
  },
  {
    files: ["src/use-cases/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...layer("adapters"), ...layer("http"), ...layer("cli"), "**/main.js", "drizzle-orm", "drizzle-orm/*", "pg", "@electric-sql/*", "fastify", "@fastify/*"],
        "use cases reach adapters only through the ports in use-cases/ports/",
      ),
      "no-restricted-properties": ["error", ENV_ONLY_IN_CONFIG, { object: "Date", property: "now", message: USE_CASE_CLOCK_WHY }],
      "no-restricted-syntax": ["error", NO_ARGUMENT_DATE(USE_CASE_CLOCK_WHY), NO_TENANT_CAST],
    },
  },
  {
    files: ["src/http/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...layer("adapters"), ...layer("cli"), "**/main.js", "drizzle-orm", "drizzle-orm/*", "pg", "@electric-sql/*"],
              message: "http talks to use cases and the ports handed to it; main.ts wires adapters",
            },
            { group: ["../app.js"], message: "app.ts registers the routes: take RouteContext and AppDeps from route-context.ts, or the imports go round in a cycle" },
            TENANT_SCOPE,
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='store']",
          message: "routes are schema plus mapping (ARCHITECTURE.md): reads, rules and writes live in use cases, so that REST and MCP answer the same; call a use case with deps",
        },
        NO_TENANT_CAST,
      ],
    },
  },
  {
    files: ["src/adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...layer("http"), ...layer("cli"), "**/main.js", "**/use-cases/*", "!**/use-cases/ports"],
        "adapters implement ports (use-cases/ports/) and may use core; nothing else",
      ),
    },
  },
  {
    files: ["src/use-cases/auth/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...layer("adapters"), ...layer("http"), ...layer("cli"), "**/main.js", "drizzle-orm", "drizzle-orm/*", "pg", "@electric-sql/*", "fastify", "@fastify/*"],
        "use cases reach adapters only through the ports in use-cases/ports/",
        { mayMintTenants: true },
      ),
    },
  },
  {
    // The one place a TenantId is made, and the tests' stand-in for it.
    files: ["src/use-cases/auth/tenant-scope.ts"],
    rules: { "no-restricted-syntax": ["error", NO_ARGUMENT_DATE(USE_CASE_CLOCK_WHY)] },
  },
  {
    files: ["test/support/tenant.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["src/cli/**/*.ts", "src/main.ts", "src/config.ts"],
    rules: { "no-restricted-imports": forbid([], "") },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Except two pure tables the page must apply exactly as the server does: zone names
              // (core/time/zone-names.ts: the browser's Intl answers old names, the pickers must show and
              // search the names the server stores) and slugs (core/slug.ts: the wizard shows the slug a title gives).
              regex: "(^|/)src/(?!core/time/zone-names\\.js$|core/slug\\.js$)",
              message: "the web app talks to Convene only through its HTTP API (web/src/api)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "src/**/*.test.ts", "bench/**/*.ts", "web/e2e/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
