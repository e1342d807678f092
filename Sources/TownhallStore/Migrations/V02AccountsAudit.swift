import TownhallDomain

/// `v2-accounts-audit` as shipped: accounts, clerks' bodies, sessions, sign-in attempts and the audit log; a late
/// agenda's reason. Written out as the SQL it ran, so it can never change with the code; a later change is a new
/// migration.
enum V02AccountsAudit {
    static let identifier = "v2-accounts-audit"

    static let sql = """
        CREATE TABLE "user" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL UNIQUE COLLATE NOCASE, "name" TEXT NOT NULL, "role" TEXT NOT NULL, "organisation" TEXT, "passwordHash" TEXT NOT NULL, "isDisabled" BOOLEAN NOT NULL DEFAULT 0, "createdAt" DATETIME NOT NULL);
        CREATE TABLE "clerkBody" ("userId" INTEGER NOT NULL REFERENCES "user"("id") ON DELETE CASCADE, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE CASCADE, PRIMARY KEY ("userId", "bodyId"));
        CREATE INDEX "clerkBody_on_userId" ON "clerkBody"("userId");
        CREATE INDEX "clerkBody_on_bodyId" ON "clerkBody"("bodyId");
        CREATE TABLE "session" ("tokenHash" TEXT PRIMARY KEY, "userId" INTEGER NOT NULL REFERENCES "user"("id") ON DELETE CASCADE, "csrfToken" TEXT NOT NULL, "createdAt" DATETIME NOT NULL, "lastSeenAt" DATETIME NOT NULL);
        CREATE INDEX "session_on_userId" ON "session"("userId");
        CREATE TABLE "loginAttempt" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL COLLATE NOCASE, "address" TEXT NOT NULL, "attemptedAt" DATETIME NOT NULL, "succeeded" BOOLEAN NOT NULL);
        CREATE INDEX "loginAttempt_on_attemptedAt" ON "loginAttempt"("attemptedAt");
        CREATE TABLE "auditLog" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "at" DATETIME NOT NULL, "actor" TEXT NOT NULL, "userId" INTEGER REFERENCES "user"("id") ON DELETE SET NULL, "action" TEXT NOT NULL, "objectType" TEXT NOT NULL, "objectId" INTEGER, "details" TEXT NOT NULL DEFAULT '');
        CREATE INDEX "auditLog_on_userId" ON "auditLog"("userId");
        ALTER TABLE "meeting" ADD COLUMN "lateReason" TEXT;
        """
}
