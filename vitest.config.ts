import { defineConfig } from "vitest/config";

// Unit tests live beside the code (src/**/*.test.ts, and the web app's pure
// modules in web/src/**/*.test.ts, in Node: they need no DOM); integration suites in test/.
// Each integration file opens its own database (PGlite in memory, and a fresh
// PostgreSQL database when CONVENE_TEST_DATABASE_URL is set), so files run in
// parallel forks without sharing state.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "web/src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
