// Builds the web app (public booking page and owner dashboard) into web/dist,
// which the Convene server serves. `npm run dev:web` proxies the API to a
// Convene server on CONVENE_DEV_API (default http://localhost:3000).
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false, reportCompressedSize: true, manifest: true },
  server: { proxy: { "/api": process.env.CONVENE_DEV_API ?? "http://localhost:3000" } },
});
