import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from the schema; they are applied in code at start-up
// (drizzle-kit migrate cannot load btree_gist into PGlite).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/adapters/db/schema.ts",
  out: "./src/adapters/db/migrations",
});
