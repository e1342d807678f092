/// `v19-private-notice` (issue 16): when a meeting's further notice of private business was given (regulation 5(4) of
/// the 2012 Access to Information Regulations). Meetings announced before this have none, and their pages say so.
enum V19PrivateNotice {
    static let identifier = "v19-private-notice"

    static let sql = """
        ALTER TABLE "meeting" ADD COLUMN "privateNoticeAt" DATETIME;
        """
}
