import TownhallDomain

/// `v5-late-papers` as shipped: a late paper's reason. Written out as the SQL it ran, so it can never change with the
/// code; a later change is a new migration.
enum V05LatePapers {
    static let identifier = "v5-late-papers"

    static let sql = """
        ALTER TABLE "paper" ADD COLUMN "lateReason" TEXT;
        """
}
