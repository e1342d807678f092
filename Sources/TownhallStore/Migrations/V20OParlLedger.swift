/// `v20-oparl-ledger` (issue 17): what the OParl API has published, object by object, so a client that syncs with
/// `modified_since` learns of every change and every deletion. `oparlEntry` holds one row per object ever public:
/// a hash of its public representation, when that first appeared and last changed, and whether it is now deleted
/// (OParl 1.1, section 2.8: a depublished object stays at its URL with `deleted: true`). `oparlLink` keeps which
/// objects each one's last representation referred to, so removing an object also updates the ones that embedded
/// it. `oparlLedgerState` is the last audit line the ledger has taken in; no row means it has to be built.
enum V20OParlLedger {
    static let identifier = "v20-oparl-ledger"

    static let sql = """
        CREATE TABLE "oparlEntry" (
          "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
          "kind" TEXT NOT NULL,
          "key" TEXT NOT NULL,
          "hash" TEXT,
          "created" DATETIME NOT NULL,
          "modified" DATETIME NOT NULL,
          "deleted" BOOLEAN NOT NULL DEFAULT 0,
          UNIQUE ("kind", "key")
        );
        CREATE INDEX "oparlEntry_list" ON "oparlEntry"("kind", "deleted", "seq");
        CREATE INDEX "oparlEntry_modified" ON "oparlEntry"("kind", "modified");
        CREATE TABLE "oparlLink" (
          "fromSeq" INTEGER NOT NULL REFERENCES "oparlEntry"("seq") ON DELETE CASCADE,
          "toKind" TEXT NOT NULL,
          "toKey" TEXT NOT NULL,
          PRIMARY KEY ("fromSeq", "toKind", "toKey")
        ) WITHOUT ROWID;
        CREATE INDEX "oparlLink_to" ON "oparlLink"("toKind", "toKey");
        CREATE TABLE "oparlLedgerState" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "auditId" INTEGER NOT NULL);
        """
}
