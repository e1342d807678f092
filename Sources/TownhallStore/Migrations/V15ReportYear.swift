/// `v15-report-year` (issue 16): the academic year an education panel's annual report covers, chosen by the clerk
/// rather than inferred from its publication date. An existing annual report is taken to cover the year that had
/// last ended when it was published (or written, for a draft), which is what Townhall assumed until now; dates are
/// stored in UTC, so a report published in the first hour of 1 September London time counts a year early.
enum V15ReportYear {
    static let identifier = "v15-report-year"

    static let sql = """
        ALTER TABLE "paper" ADD COLUMN "reportYear" INTEGER CHECK ("reportYear" IS NULL OR "reportYear" BETWEEN 1900 AND 2999);
        UPDATE "paper" SET "reportYear" =
            CAST(strftime('%Y', COALESCE("publishedAt", "createdAt")) AS INTEGER)
            - (CASE WHEN strftime('%m-%d', COALESCE("publishedAt", "createdAt")) > '08-31' THEN 0 ELSE 1 END)
        WHERE "kind" = 'annual-report';
        """
}
