import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConveneError } from "../../core/errors.js";
import { createSecretBox } from "./secret-box.js";

const newKey = () => randomBytes(32).toString("base64");
const keyIdOf = (keyBase64: string) => createHash("sha256").update(Buffer.from(keyBase64, "base64")).digest("hex").slice(0, 8);

function expectUnreadable(open: () => unknown, message?: RegExp) {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(ConveneError);
    expect((error as ConveneError).code).toBe("SECRET_UNREADABLE");
    if (message) expect((error as ConveneError).message).toMatch(message);
    return;
  }
  throw new Error("expected SECRET_UNREADABLE, but the value opened");
}

describe("createSecretBox", () => {
  const key = newKey();
  const box = createSecretBox(key);

  it("opens what it sealed, whatever the text", () => {
    for (const plaintext of ["tok_8f3a9c", "", "ünïcödé ✓ 🗓️", "x".repeat(10_000), "a.b.c.d.e"]) {
      expect(box.open(box.seal(plaintext))).toBe(plaintext);
    }
  });

  it("writes v1.<keyId>.<iv>.<ciphertext>.<tag> with the key's id and a fresh IV each time", () => {
    const sealed = box.seal("tok_8f3a9c");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed.split(".")[1]).toBe(keyIdOf(key));
    expect(box.keyId).toBe(keyIdOf(key));
    expect(box.seal("tok_8f3a9c")).not.toBe(sealed);
    expect(sealed).not.toContain(Buffer.from("tok_8f3a9c").toString("base64url"));
  });

  it("refuses a value altered anywhere", () => {
    const sealed = box.seal("tok_8f3a9c");
    const parts = sealed.split(".");
    const flip = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);
    for (const index of [2, 3, 4]) {
      const altered = parts.map((part, i) => (i === index ? flip(part) : part)).join(".");
      expectUnreadable(() => box.open(altered), /altered/);
    }
    // A ciphertext cut short, or swapped between two values, fails authentication too.
    const other = box.seal("tok_other_").split(".");
    expectUnreadable(() => box.open([...parts.slice(0, 3), other[3], parts[4]].join(".")));
    expectUnreadable(() => box.open([...parts.slice(0, 3), parts[3]!.slice(0, -2), parts[4]].join(".")));
  });

  it("refuses values that are not sealed values", () => {
    const [, keyId, iv, ciphertext, tag] = box.seal("tok").split(".");
    for (const garbage of ["", "tok_plain", "v1.abc", `v2.${keyId}.${iv}.${ciphertext}.${tag}`, `v1.${keyId}.${iv}.${ciphertext}`, `v1.${keyId}.${iv}.${ciphertext}.${tag}.x`, `v1.${keyId}.${iv!.slice(2)}.${ciphertext}.${tag}`, `v1.${keyId}.${iv}.${ciphertext}.${tag!.slice(3)}`, `v1.${keyId}.${iv}+.${ciphertext}.${tag}`, `v1.XYZ.${iv}.${ciphertext}.${tag}`]) {
      expectUnreadable(() => box.open(garbage));
    }
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createSecretBox(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => createSecretBox("")).toThrow(/32 bytes/);
  });
});

describe("key rotation", () => {
  const oldKey = newKey();
  const currentKey = newKey();
  const sealedUnderOld = createSecretBox(oldKey).seal("tok_from_last_year");

  it("opens values sealed under a previous key and seals new ones under the current key", () => {
    const box = createSecretBox(currentKey, { previousKeys: [oldKey] });
    expect(box.open(sealedUnderOld)).toBe("tok_from_last_year");
    const resealed = box.seal(box.open(sealedUnderOld));
    expect(resealed.split(".")[1]).toBe(keyIdOf(currentKey));
    expect(box.isSealedWithCurrentKey(sealedUnderOld)).toBe(false);
    expect(box.isSealedWithCurrentKey(resealed)).toBe(true);
    expect(createSecretBox(currentKey).open(resealed)).toBe("tok_from_last_year");
  });

  it("names the missing key when a value was sealed under a key that is not configured", () => {
    expectUnreadable(() => createSecretBox(currentKey).open(sealedUnderOld), new RegExp(`key ${keyIdOf(oldKey)}`));
  });

  it("does not let a previous key stand in for the current one", () => {
    const box = createSecretBox(currentKey, { previousKeys: [oldKey, currentKey] });
    expect(box.keyId).toBe(keyIdOf(currentKey));
    expect(box.open(box.seal("x"))).toBe("x");
  });

  it("refuses a value whose key id was rewritten to another configured key", () => {
    const box = createSecretBox(currentKey, { previousKeys: [oldKey] });
    const relabelled = sealedUnderOld.replace(`.${keyIdOf(oldKey)}.`, `.${keyIdOf(currentKey)}.`);
    expectUnreadable(() => box.open(relabelled));
  });
});
