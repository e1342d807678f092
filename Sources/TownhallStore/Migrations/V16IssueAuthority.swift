/// `v16-issue-authority` (issue 16): the delegated authority under which recommendations were issued before the
/// meeting that considered the report had decided on it. Recommendations issued before this migration keep none.
enum V16IssueAuthority {
    static let identifier = "v16-issue-authority"

    static let sql = """
        ALTER TABLE "recommendation" ADD COLUMN "issueAuthority" TEXT;
        """
}
