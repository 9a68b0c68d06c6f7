// Passwords hashed with argon2id (@node-rs/argon2, OWASP's recommended parameters).
import { hash, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../../use-cases/ports/store.js";

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum cannot be imported under isolatedModules.

export const argon2PasswordHasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash is a failed sign-in, not a crash
    }
  },
};
