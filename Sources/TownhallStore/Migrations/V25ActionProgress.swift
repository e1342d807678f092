/// `v25-action-progress` (issue 18): how far a progress update says the promised action has got, in per cent.
enum V25ActionProgress {
    static let identifier = "v25-action-progress"

    static let sql = """
        ALTER TABLE "implementationUpdate" ADD COLUMN "percentComplete" INTEGER CHECK ("percentComplete" BETWEEN 0 AND 100);
        """
}
