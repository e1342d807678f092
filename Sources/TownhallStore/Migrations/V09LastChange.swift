import TownhallDomain

/// `v9-last-change` as it first shipped (commit 28e9e8e): the audit log by time, for Last-Modified. The index by
/// object that OParl's created and modified need was later added here in place; `v11-schema-catch-up` adds it for
/// every store instead.
enum V09LastChange {
    static let identifier = "v9-last-change"

    static let sql = """
        CREATE INDEX "auditLog_at" ON "auditLog"("at");
        """
}
