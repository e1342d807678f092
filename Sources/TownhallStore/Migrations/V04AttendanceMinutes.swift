import TownhallDomain

/// `v4-attendance-minutes` as shipped: attendance, declarations of interest and minutes. Written out as the SQL it ran,
/// so it can never change with the code; a later change is a new migration.
enum V04AttendanceMinutes {
    static let identifier = "v4-attendance-minutes"

    static let sql = """
        CREATE TABLE "attendance" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "meetingId" INTEGER NOT NULL REFERENCES "meeting"("id") ON DELETE CASCADE, "personId" INTEGER NOT NULL REFERENCES "person"("id") ON DELETE RESTRICT, "status" TEXT NOT NULL, UNIQUE ("meetingId", "personId"));
        CREATE INDEX "attendance_on_meetingId" ON "attendance"("meetingId");
        CREATE INDEX "attendance_on_personId" ON "attendance"("personId");
        CREATE TABLE "declaration" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "meetingId" INTEGER NOT NULL REFERENCES "meeting"("id") ON DELETE CASCADE, "personId" INTEGER NOT NULL REFERENCES "person"("id") ON DELETE RESTRICT, "agendaItemId" INTEGER REFERENCES "agendaItem"("id") ON DELETE SET NULL, "kind" TEXT NOT NULL, "interest" TEXT NOT NULL);
        CREATE INDEX "declaration_on_meetingId" ON "declaration"("meetingId");
        CREATE INDEX "declaration_on_personId" ON "declaration"("personId");
        CREATE INDEX "declaration_on_agendaItemId" ON "declaration"("agendaItemId");
        CREATE TABLE "minutes" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "meetingId" INTEGER NOT NULL UNIQUE REFERENCES "meeting"("id") ON DELETE CASCADE, "markdown" TEXT NOT NULL, "html" TEXT, "status" TEXT NOT NULL, "publishedAt" DATETIME, "approvedAt" DATETIME, "approvedAtMeetingId" INTEGER REFERENCES "meeting"("id") ON DELETE RESTRICT);
        CREATE INDEX "minutes_on_approvedAtMeetingId" ON "minutes"("approvedAtMeetingId");
        """
}
