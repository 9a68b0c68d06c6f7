// The README and the architecture page point only inside the repository, and
// every file or folder they name exists: a contributor with just this clone
// can follow them, and a rename that forgets the docs fails here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const DOCS = ["README.md", "docs/architecture.md"];

/** Markdown link targets that are not web URLs or anchors. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^(https?:|mailto:|#)/.test(target));
}

/** Repository paths quoted in backticks: `src/…`, `test/…`, `web/…`, `scripts/…`, `bench/…`, `docs/…` (not build output, which a fresh clone lacks). */
function quotedPaths(text: string): string[] {
  return [...text.matchAll(/`((?:src|test|web|scripts|bench|docs)\/[\w./-]*[\w/])`/g)].map((match) => match[1]!).filter((quoted) => !quoted.includes("*") && !/<|\{/.test(quoted) && !/^web\/dist(\/|$)/.test(quoted));
}

it.each(DOCS)("%s points only inside the repository", (doc) => {
  const text = readFileSync(path.join(root, doc), "utf8");
  expect(text).not.toMatch(/\.\.\/shared|\/work\//);
  for (const target of relativeLinks(text)) {
    const resolved = path.resolve(path.dirname(path.join(root, doc)), target.split("#")[0]!);
    expect(resolved.startsWith(root + path.sep), `${doc} links outside: ${target}`).toBe(true);
    expect(existsSync(resolved), `${doc} links to a missing ${target}`).toBe(true);
  }
});

it.each(DOCS)("every path %s names exists", (doc) => {
  const missing = quotedPaths(readFileSync(path.join(root, doc), "utf8")).filter((quoted) => !existsSync(path.join(root, quoted)));
  expect(missing).toEqual([]);
});
