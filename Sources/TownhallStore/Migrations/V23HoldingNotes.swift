/// `v23-holding-notes` (issue 18): a provider's public holding reply to a report ("response in preparation,
/// expected by …"), kept as a record; many per report and organisation, newest shown first.
enum V23HoldingNotes {
    static let identifier = "v23-holding-notes"

    static let sql = """
        CREATE TABLE "holdingNote" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "paperId" INTEGER NOT NULL REFERENCES "paper"("id") ON DELETE RESTRICT,
          "organisationId" INTEGER NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
          "note" TEXT NOT NULL CHECK (length(trim("note")) > 0), "expectedBy" TEXT,
          "at" DATETIME NOT NULL, "byName" TEXT NOT NULL);
        CREATE INDEX "holdingNote_on_paper_organisation" ON "holdingNote"("paperId", "organisationId");
        CREATE TRIGGER "holdingNote_is_permanent" BEFORE UPDATE ON "holdingNote"
        BEGIN SELECT RAISE(ABORT, 'a published holding reply cannot be changed'); END;
        """
}
