import TownhallDomain

/// `v10-password-reset` as shipped: single-use password reset links. Written out as the SQL it ran, so it can never
/// change with the code; a later change is a new migration.
enum V10PasswordReset {
    static let identifier = "v10-password-reset"

    static let sql = """
        CREATE TABLE "passwordReset" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "userId" INTEGER NOT NULL REFERENCES "user"("id") ON DELETE CASCADE, "tokenHash" TEXT NOT NULL UNIQUE, "createdAt" DATETIME NOT NULL, "expiresAt" DATETIME NOT NULL, "usedAt" DATETIME);
        CREATE INDEX "passwordReset_on_userId" ON "passwordReset"("userId");
        """
}
