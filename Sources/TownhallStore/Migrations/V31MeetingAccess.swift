/// `v31-meeting-access` (issue 19): how to attend or watch a meeting (`MeetingAccess`): its webcast and recording,
/// its contact officer, and the clerk's words on coming in person.
enum V31MeetingAccess {
    static let identifier = "v31-meeting-access"

    static let sql = """
        ALTER TABLE "meeting" ADD COLUMN "webcastURL" TEXT;
        ALTER TABLE "meeting" ADD COLUMN "recordingURL" TEXT;
        ALTER TABLE "meeting" ADD COLUMN "contactName" TEXT;
        ALTER TABLE "meeting" ADD COLUMN "contactEmail" TEXT;
        ALTER TABLE "meeting" ADD COLUMN "contactPhone" TEXT;
        ALTER TABLE "meeting" ADD COLUMN "howToAttend" TEXT;
        """
}
