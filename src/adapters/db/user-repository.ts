// Users: owners and members of a tenant; email and handle are unique installation-wide.
import { and, asc, eq } from "drizzle-orm";
import type { UserRepository } from "../../use-cases/ports/accounts.js";
import { normalizeEmail } from "../../core/account/limits.js";
import { ConveneError } from "../../core/errors.js";
import { databaseError, type Db } from "./client.js";
import { users } from "./schema.js";

type NewUser = Parameters<UserRepository["create"]>[1];

export function userRepository(db: Db): UserRepository {
  async function insert(tenantId: string, user: NewUser, onHandleTaken: "fail" | "skip") {
    try {
      const insert = db.insert(users).values({ ...user, tenantId, email: normalizeEmail(user.email) });
      // ON CONFLICT waits for a concurrent insert of the same handle and then skips: no error, so the transaction stays usable.
      const [row] = await (onHandleTaken === "skip" ? insert.onConflictDoNothing({ target: users.handle }) : insert).returning();
      return row ?? null;
    } catch (error) {
      // Two sign-ups with one email can race past the use case's check; the index decides.
      if (databaseError(error).constraint === "users_email_key") {
        throw new ConveneError("EMAIL_TAKEN", `An account with ${user.email} already exists; sign in instead.`, { cause: error });
      }
      throw error;
    }
  }

  return {
    async create(tenantId, user) {
      return (await insert(tenantId, user, "fail"))!;
    },
    createIfHandleFree: (tenantId, user) => insert(tenantId, user, "skip"),
    async get(tenantId, userId) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
      return row ?? null;
    },
    async findByEmailForSignIn(email) {
      const [row] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
      return row ?? null;
    },
    async isEmailTaken(email) {
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
      return rows.length > 0;
    },
    list(tenantId) {
      return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.createdAt));
    },
    async update(tenantId, userId, changes) {
      try {
        const [row] = await db
          .update(users)
          .set(changes.email === undefined ? changes : { ...changes, email: normalizeEmail(changes.email) })
          .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
          .returning();
        return row ?? null;
      } catch (error) {
        // The use case checks first; two owners racing for one handle meet the index here.
        const { constraint } = databaseError(error);
        if (constraint === "users_handle_key") {
          throw new ConveneError("HANDLE_TAKEN", `The handle ${changes.handle ?? ""} is taken; pick another.`, { cause: error });
        }
        // An email change confirmed after someone else took the address meanwhile.
        if (constraint === "users_email_key") throw new ConveneError("EMAIL_TAKEN", "Another account uses this address now.", { cause: error });
        throw error;
      }
    },
    async isHandleTaken(handle) {
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.handle, handle)).limit(1);
      return rows.length > 0;
    },
  };
}
