/// `v36-spending-evidence` (issue 20): written evidence may cite a spending line too, so a citation names exactly
/// one of an inquiry, a recommendation or a paper. SQLite cannot change a CHECK in place, so the table is rebuilt
/// with its rows and ids kept (the migrator runs this with foreign keys deferred and checks them after).
enum V36SpendingEvidence {
    static let identifier = "v36-spending-evidence"

    static let sql = """
        CREATE TABLE "spendingCitationNew" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "spendingLineId" INTEGER NOT NULL REFERENCES "spendingLine"("id") ON DELETE CASCADE,
          "inquiryId" INTEGER REFERENCES "inquiry"("id") ON DELETE CASCADE,
          "recommendationId" INTEGER REFERENCES "recommendation"("id") ON DELETE CASCADE,
          "paperId" INTEGER REFERENCES "paper"("id") ON DELETE CASCADE,
          CHECK (("inquiryId" IS NOT NULL) + ("recommendationId" IS NOT NULL) + ("paperId" IS NOT NULL) = 1)
        );
        INSERT INTO "spendingCitationNew" ("id", "spendingLineId", "inquiryId", "recommendationId")
          SELECT "id", "spendingLineId", "inquiryId", "recommendationId" FROM "spendingCitation";
        DROP TABLE "spendingCitation";
        ALTER TABLE "spendingCitationNew" RENAME TO "spendingCitation";
        CREATE INDEX "spendingCitation_on_spendingLineId" ON "spendingCitation"("spendingLineId");
        CREATE UNIQUE INDEX "spendingCitation_once" ON "spendingCitation"(
          "spendingLineId", IFNULL("inquiryId", 0), IFNULL("recommendationId", 0), IFNULL("paperId", 0));
        CREATE INDEX "spendingCitation_on_inquiryId" ON "spendingCitation"("inquiryId");
        CREATE INDEX "spendingCitation_on_recommendationId" ON "spendingCitation"("recommendationId");
        CREATE INDEX "spendingCitation_on_paperId" ON "spendingCitation"("paperId");
        """
}
