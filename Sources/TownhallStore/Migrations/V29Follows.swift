/// `v29-follows` (issue 19): residents follow bodies, meetings, inquiries, recommendations, organisations and saved
/// searches by e-mail. `publicEvent` records each thing that became public (read from the audit trail after
/// `publicEventState`), `publicEventTarget` what it concerns, `alert` each follow's share of it until it is sent.
/// Outbox messages to followers carry the follow's token for their one-click unsubscribe (RFC 8058). A postponed or
/// cancelled meeting keeps its reason; a council, the address of its register of members' interests.
enum V29Follows {
    static let identifier = "v29-follows"

    static let sql = """
        CREATE TABLE "follow" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "email" TEXT NOT NULL COLLATE NOCASE,
          "targetKind" TEXT NOT NULL,
          "targetKey" TEXT NOT NULL,
          "targetTitle" TEXT NOT NULL,
          "frequency" TEXT NOT NULL CHECK ("frequency" IN ('instant', 'weekly')),
          "token" TEXT NOT NULL UNIQUE,
          "requestedAt" DATETIME NOT NULL,
          "requestedFrom" TEXT NOT NULL DEFAULT '',
          "confirmedAt" DATETIME,
          "lastDigestAt" DATETIME,
          UNIQUE ("email", "targetKind", "targetKey")
        );
        CREATE INDEX "follow_target" ON "follow"("targetKind", "targetKey");
        CREATE INDEX "follow_requestedAt" ON "follow"("requestedAt");
        CREATE TABLE "publicEvent" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "kind" TEXT NOT NULL,
          "title" TEXT NOT NULL,
          "detail" TEXT NOT NULL DEFAULT '',
          "linkKind" TEXT NOT NULL,
          "linkKey" TEXT NOT NULL,
          "at" DATETIME NOT NULL,
          "dedupeKey" TEXT NOT NULL UNIQUE
        );
        CREATE TABLE "publicEventTarget" (
          "eventId" INTEGER NOT NULL REFERENCES "publicEvent"("id") ON DELETE CASCADE,
          "targetKind" TEXT NOT NULL,
          "targetKey" TEXT NOT NULL,
          PRIMARY KEY ("targetKind", "targetKey", "eventId")
        ) WITHOUT ROWID;
        CREATE INDEX "publicEventTarget_event" ON "publicEventTarget"("eventId");
        CREATE TABLE "publicEventState" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "auditId" INTEGER NOT NULL);
        CREATE TABLE "alert" (
          "followId" INTEGER NOT NULL REFERENCES "follow"("id") ON DELETE CASCADE,
          "eventId" INTEGER NOT NULL REFERENCES "publicEvent"("id") ON DELETE CASCADE,
          "queuedAt" DATETIME,
          PRIMARY KEY ("followId", "eventId")
        ) WITHOUT ROWID;
        CREATE INDEX "alert_pending" ON "alert"("queuedAt", "followId");
        ALTER TABLE "outbox" ADD COLUMN "unsubscribeToken" TEXT;
        CREATE INDEX "outbox_sentAt" ON "outbox"("sentAt");
        ALTER TABLE "meeting" ADD COLUMN "statusReason" TEXT;
        ALTER TABLE "authority" ADD COLUMN "registerOfInterestsURL" TEXT;
        """
}
