/// `v32-contributions` (issue 19, "Taking part"): residents' questions for a meeting and written evidence for an
/// LPAC inquiry. A window is open until `closesAt`; a contribution is confirmed by e-mail, then accepted, refused or
/// merged by a clerk; only accepted ones are public. The checks repeat the domain's states so that no other writer
/// can store a state the pages do not know.
enum V32Contributions {
    static let identifier = "v32-contributions"

    static let sql = """
        CREATE TABLE "contributionWindow" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "kind" TEXT NOT NULL CHECK ("kind" IN ('question', 'evidence')),
          "meetingId" INTEGER UNIQUE REFERENCES "meeting"("id") ON DELETE CASCADE,
          "inquiryId" INTEGER UNIQUE REFERENCES "inquiry"("id") ON DELETE CASCADE,
          "agendaItemId" INTEGER REFERENCES "agendaItem"("id") ON DELETE SET NULL,
          "clearDays" INTEGER,
          "closesAt" DATETIME NOT NULL,
          "openedAt" DATETIME NOT NULL,
          "openedBy" TEXT NOT NULL,
          CHECK (("kind" = 'question') = ("meetingId" IS NOT NULL) AND ("kind" = 'evidence') = ("inquiryId" IS NOT NULL))
        );
        CREATE TABLE "contribution" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "windowId" INTEGER NOT NULL REFERENCES "contributionWindow"("id") ON DELETE CASCADE,
          "kind" TEXT NOT NULL CHECK ("kind" IN ('question', 'evidence')),
          "name" TEXT NOT NULL,
          "email" TEXT NOT NULL,
          "organisation" TEXT NOT NULL DEFAULT '',
          "text" TEXT NOT NULL,
          "fileName" TEXT,
          "fileType" TEXT,
          "filePath" TEXT,
          "fileSize" INTEGER,
          "state" TEXT NOT NULL CHECK ("state" IN ('unconfirmed', 'received', 'accepted', 'rejected', 'merged')),
          "reason" TEXT,
          "mergedIntoId" INTEGER REFERENCES "contribution"("id") ON DELETE SET NULL,
          "answer" TEXT,
          "answeredBy" TEXT,
          "answeredAt" DATETIME,
          "token" TEXT NOT NULL UNIQUE,
          "requestedAt" DATETIME NOT NULL,
          "requestedFrom" TEXT NOT NULL,
          "confirmedAt" DATETIME,
          "decidedAt" DATETIME,
          "decidedBy" TEXT,
          CHECK (("state" = 'merged') = ("mergedIntoId" IS NOT NULL))
        );
        CREATE INDEX "contribution_on_windowId_state" ON "contribution"("windowId", "state");
        CREATE INDEX "contribution_on_email_requestedAt" ON "contribution"("email" COLLATE NOCASE, "requestedAt");
        CREATE INDEX "contribution_on_requestedFrom_requestedAt" ON "contribution"("requestedFrom", "requestedAt");
        CREATE INDEX "contribution_on_mergedIntoId" ON "contribution"("mergedIntoId");
        """
}
