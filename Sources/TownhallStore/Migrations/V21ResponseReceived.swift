/// `v21-response-received` (issue 18): how a response that did not come through Townhall arrived ("letter of 2 March
/// 2027"), as the clerk who entered it recorded; none for one a responder submitted here.
enum V21ResponseReceived {
    static let identifier = "v21-response-received"

    static let sql = """
        ALTER TABLE "response" ADD COLUMN "receivedOutside" TEXT;
        """
}
