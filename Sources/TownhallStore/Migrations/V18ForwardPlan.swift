/// `v18-forward-plan` (issue 16): each body's forward plan, the matters it expects to decide with the notice each was
/// given (2012 Access to Information Regulations, regulations 5, 9, 10 and 11).
enum V18ForwardPlan {
    static let identifier = "v18-forward-plan"

    static let sql = """
        CREATE TABLE "planEntry" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "title" TEXT NOT NULL, "expectedOn" TEXT NOT NULL, "isKeyDecision" BOOLEAN NOT NULL, "exemptParagraph" INTEGER CHECK ("exemptParagraph" IS NULL OR "exemptParagraph" BETWEEN 1 AND 7), "publishedAt" DATETIME NOT NULL, "notice" TEXT NOT NULL CHECK ("notice" IN ('in-time', 'general-exception', 'special-urgency')), "noticeReason" TEXT, CHECK ("notice" = 'in-time' OR "noticeReason" IS NOT NULL));
        CREATE INDEX "planEntry_on_bodyId" ON "planEntry"("bodyId", "expectedOn");
        """
}
