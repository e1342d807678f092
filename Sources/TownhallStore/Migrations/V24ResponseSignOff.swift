/// `v24-response-sign-off` (issue 18): the authority a submitted response carries ("approved by the trust board on
/// 12 March 2027"), as the responder stated it; none when they gave none.
enum V24ResponseSignOff {
    static let identifier = "v24-response-sign-off"

    static let sql = """
        ALTER TABLE "response" ADD COLUMN "signOff" TEXT;
        """
}
