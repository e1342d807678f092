import TownhallDomain

/// `v3-paper-revisions` as shipped: paper revisions, superseding and withdrawal. Written out as the SQL it ran, so it
/// can never change with the code; a later change is a new migration.
enum V03PaperRevisions {
    static let identifier = "v3-paper-revisions"

    static let sql = """
        ALTER TABLE "paper" ADD COLUMN "previousRevisionId" INTEGER REFERENCES "paper"("id") ON DELETE RESTRICT;
        ALTER TABLE "paper" ADD COLUMN "supersededAt" DATETIME;
        ALTER TABLE "paper" ADD COLUMN "withdrawnAt" DATETIME;
        ALTER TABLE "paper" ADD COLUMN "withdrawalReason" TEXT;
        CREATE INDEX "paper_on_previousRevisionId" ON "paper"("previousRevisionId");
        """
}
