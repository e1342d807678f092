/// `v35-spending` (issue 20): what each organisation spends on each service per financial year in an LPAC's
/// place, and the inquiries and recommendations that cite a line of it.
enum V35Spending {
    static let identifier = "v35-spending"

    static let sql = """
        CREATE TABLE "spendingLine" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT,
          "organisationId" INTEGER NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
          "service" TEXT NOT NULL,
          "year" TEXT NOT NULL,
          "amountPence" INTEGER NOT NULL CHECK ("amountPence" >= 0),
          UNIQUE ("bodyId", "organisationId", "service", "year")
        );
        CREATE TABLE "spendingCitation" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "spendingLineId" INTEGER NOT NULL REFERENCES "spendingLine"("id") ON DELETE CASCADE,
          "inquiryId" INTEGER REFERENCES "inquiry"("id") ON DELETE CASCADE,
          "recommendationId" INTEGER REFERENCES "recommendation"("id") ON DELETE CASCADE,
          CHECK (("inquiryId" IS NULL) <> ("recommendationId" IS NULL)),
          UNIQUE ("spendingLineId", "inquiryId", "recommendationId")
        );
        CREATE INDEX "spendingCitation_on_inquiryId" ON "spendingCitation"("inquiryId");
        CREATE INDEX "spendingCitation_on_recommendationId" ON "spendingCitation"("recommendationId");
        """
}
