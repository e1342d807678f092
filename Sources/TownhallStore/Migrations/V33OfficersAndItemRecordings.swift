/// `v33-officers-item-recordings` (issue 19): the officers in attendance at a meeting (name and job title, for the
/// public record beside the members' attendance), and a recording link per agenda item (`MeetingAccess.linkProblem`).
enum V33OfficersAndItemRecordings {
    static let identifier = "v33-officers-item-recordings"

    static let sql = """
        CREATE TABLE "officerAttendance" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "meetingId" INTEGER NOT NULL REFERENCES "meeting"("id") ON DELETE CASCADE,
          "name" TEXT NOT NULL,
          "role" TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX "officerAttendance_on_meetingId" ON "officerAttendance"("meetingId");
        ALTER TABLE "agendaItem" ADD COLUMN "recordingURL" TEXT;
        """
}
