import TownhallDomain

/// `v1-foundation` as shipped: authorities, bodies, people, memberships, locations, meetings, agenda items, papers and
/// attachments. Written out as the SQL it ran, so it can never change with the code; a later change is a new migration.
enum V01Foundation {
    static let identifier = "v1-foundation"

    static let sql = """
        CREATE TABLE "authority" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "kind" TEXT NOT NULL);
        CREATE TABLE "body" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "kind" TEXT NOT NULL, "description" TEXT NOT NULL DEFAULT '', "area" TEXT NOT NULL DEFAULT '');
        CREATE TABLE "person" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "title" TEXT NOT NULL DEFAULT '');
        CREATE TABLE "membership" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "personId" INTEGER NOT NULL REFERENCES "person"("id") ON DELETE CASCADE, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE CASCADE, "role" TEXT NOT NULL, "authorityId" INTEGER REFERENCES "authority"("id") ON DELETE SET NULL, "startDate" TEXT NOT NULL, "endDate" TEXT, CHECK (endDate IS NULL OR endDate >= startDate));
        CREATE INDEX "membership_on_personId" ON "membership"("personId");
        CREATE INDEX "membership_on_bodyId" ON "membership"("bodyId");
        CREATE INDEX "membership_on_authorityId" ON "membership"("authorityId");
        CREATE TABLE "location" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL UNIQUE, "address" TEXT NOT NULL DEFAULT '');
        CREATE TABLE "meeting" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT, "title" TEXT NOT NULL, "startsAt" DATETIME NOT NULL, "endsAt" DATETIME, "locationId" INTEGER REFERENCES "location"("id") ON DELETE SET NULL, "status" TEXT NOT NULL DEFAULT 'scheduled', "agendaPublishedAt" DATETIME, CHECK (endsAt IS NULL OR endsAt > startsAt));
        CREATE INDEX "meeting_on_bodyId" ON "meeting"("bodyId");
        CREATE INDEX "meeting_on_locationId" ON "meeting"("locationId");
        CREATE INDEX "meeting_on_startsAt" ON "meeting"("startsAt");
        CREATE TABLE "agendaItem" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "meetingId" INTEGER NOT NULL REFERENCES "meeting"("id") ON DELETE CASCADE, "position" INTEGER NOT NULL, "number" TEXT NOT NULL, "title" TEXT NOT NULL, "itemType" TEXT NOT NULL, "isExempt" BOOLEAN NOT NULL DEFAULT 0, "exemptParagraph" INTEGER, "decision" TEXT, UNIQUE ("meetingId", "position"), CHECK ((isExempt = 0 AND exemptParagraph IS NULL) OR (isExempt = 1 AND exemptParagraph IS NOT NULL AND exemptParagraph BETWEEN 1 AND 7)));
        CREATE INDEX "agendaItem_on_meetingId" ON "agendaItem"("meetingId");
        CREATE TABLE "paper" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "agendaItemId" INTEGER NOT NULL REFERENCES "agendaItem"("id") ON DELETE RESTRICT, "title" TEXT NOT NULL, "author" TEXT NOT NULL DEFAULT '', "markdown" TEXT NOT NULL, "html" TEXT, "status" TEXT NOT NULL DEFAULT 'draft', "revision" INTEGER NOT NULL DEFAULT 1, "publishedAt" DATETIME, "createdAt" DATETIME NOT NULL, CHECK (status <> 'published' OR (html IS NOT NULL AND publishedAt IS NOT NULL)));
        CREATE INDEX "paper_on_agendaItemId" ON "paper"("agendaItemId");
        CREATE TABLE "attachment" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "agendaItemId" INTEGER NOT NULL REFERENCES "agendaItem"("id") ON DELETE RESTRICT, "paperId" INTEGER REFERENCES "paper"("id") ON DELETE RESTRICT, "fileName" TEXT NOT NULL, "mediaType" TEXT NOT NULL, "size" INTEGER NOT NULL, "sha256" TEXT NOT NULL, "storagePath" TEXT NOT NULL, "createdAt" DATETIME NOT NULL);
        CREATE INDEX "attachment_on_agendaItemId" ON "attachment"("agendaItemId");
        CREATE INDEX "attachment_on_paperId" ON "attachment"("paperId");
        """
}
