/// `v22-extension-requests` (issue 18): a provider's request for more time and the clerk's decision, both public.
/// The store keeps at most one request waiting per recommendation, and a decided request records who decided,
/// when, and (for a grant) the day given.
enum V22ExtensionRequests {
    static let identifier = "v22-extension-requests"

    static let sql = """
        CREATE TABLE "extensionRequest" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "recommendationId" INTEGER NOT NULL REFERENCES "recommendation"("id") ON DELETE RESTRICT,
          "dueOnWhenAsked" TEXT NOT NULL, "requestedDueOn" TEXT NOT NULL CHECK ("requestedDueOn" > "dueOnWhenAsked"),
          "reason" TEXT NOT NULL CHECK (length(trim("reason")) > 0),
          "requestedAt" DATETIME NOT NULL, "requestedBy" TEXT NOT NULL,
          "decision" TEXT NOT NULL DEFAULT 'pending' CHECK ("decision" IN ('pending', 'granted', 'refused')),
          "decidedAt" DATETIME, "decidedBy" TEXT, "decisionNote" TEXT, "grantedDueOn" TEXT,
          CHECK (("decision" = 'pending') = ("decidedAt" IS NULL)),
          CHECK (("decision" = 'granted') = ("grantedDueOn" IS NOT NULL)),
          CHECK ("decision" != 'refused' OR length(trim(coalesce("decisionNote", ''))) > 0));
        CREATE INDEX "extensionRequest_on_recommendationId" ON "extensionRequest"("recommendationId");
        CREATE UNIQUE INDEX "extensionRequest_one_pending" ON "extensionRequest"("recommendationId") WHERE "decision" = 'pending';
        CREATE TRIGGER "extensionRequest_decided_is_permanent" BEFORE UPDATE ON "extensionRequest" WHEN OLD."decision" != 'pending'
        BEGIN SELECT RAISE(ABORT, 'a decided extension request cannot be changed'); END;
        """
}
