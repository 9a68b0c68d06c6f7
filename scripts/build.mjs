// Builds Convene: TypeScript into dist/ with the SQL migrations beside the code
// that applies them, and the web app (Vite) into web/dist/. `npm start` calls
// ensureBuilt(), which rebuilds only when a source file is newer than the last
// build or the web app is missing.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampPath = path.join(root, "dist", ".build-stamp");
const webIndexPath = path.join(root, "web", "dist", "index.html");
const INPUTS = ["src", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "web/src", "web/index.html", "web/vite.config.ts"];

function newestMtimeMs(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtimeMs(path.join(target, entry)));
  return newest;
}

export function build() {
  rmSync(path.join(root, "dist"), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  cpSync(path.join(root, "src/adapters/db/migrations"), path.join(root, "dist/adapters/db/migrations"), { recursive: true });
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", path.join(root, "web/vite.config.ts"), "--logLevel", "warn"], {
    stdio: "inherit",
  });
  writeFileSync(stampPath, new Date().toISOString());
}

export function isBuildStale() {
  if (!existsSync(stampPath) || !existsSync(webIndexPath)) return true;
  const builtAtMs = statSync(stampPath).mtimeMs;
  return INPUTS.some((input) => newestMtimeMs(path.join(root, input)) > builtAtMs);
}

export function ensureBuilt() {
  if (!isBuildStale()) return;
  console.error("convene: building (sources changed since the last build)…");
  build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
