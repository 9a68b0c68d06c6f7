// `npm install` on the Node version the README names must not warn that a
// package wants a newer Node (EBADENGINE): every package the lockfile installs
// declares an engine range that our own minimum satisfies. A dependency bump
// that needs Node 22 fails here, not on a user's first install.
import { readFileSync } from "node:fs";
import semver from "semver";
import { expect, it } from "vitest";

type LockPackage = { engines?: Record<string, string> | string[]; optional?: boolean };

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockPackage> };

it("runs on the Node version it declares, and that version is the one running the tests", () => {
  expect(semver.satisfies(process.version, manifest.engines.node), `${process.version} vs ${manifest.engines.node}`).toBe(true);
});

it("installs no package that wants a newer Node than the project's minimum", () => {
  const minimum = semver.minVersion(manifest.engines.node)!.version;
  const refusing = Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .flatMap(([path, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines["node"] : undefined;
      return range && !semver.satisfies(minimum, range) ? [`${path.replace(/^.*node_modules\//, "")} wants node ${range}`] : [];
    });
  expect(refusing).toEqual([]);
});
