/// `v30-agenda-packs` (issue 19): one agenda pack per meeting, the agenda and every public paper in one document,
/// made again (a new id each time, which versions the page cache) whenever the audit trail after
/// `agendaPackState` touches the meeting's public agenda or papers. The files are in the data directory; this
/// records when each was made, their sizes, and why a PDF could not be made.
enum V30AgendaPacks {
    static let identifier = "v30-agenda-packs"

    static let sql = """
        CREATE TABLE "agendaPack" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "meetingId" INTEGER NOT NULL UNIQUE REFERENCES "meeting"("id") ON DELETE CASCADE,
          "generatedAt" DATETIME NOT NULL,
          "htmlBytes" INTEGER NOT NULL,
          "pdfBytes" INTEGER,
          "pdfError" TEXT
        );
        CREATE TABLE "agendaPackState" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "auditId" INTEGER NOT NULL);
        """
}
