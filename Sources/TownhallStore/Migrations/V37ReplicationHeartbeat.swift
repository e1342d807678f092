/// `v37-replication-heartbeat` (issue 21): the writer stamps the time here every few seconds while replicas follow
/// it, so a read-only replica can tell how far behind it is (its clock minus the newest stamp it has).
enum V37ReplicationHeartbeat {
    static let identifier = "v37-replication-heartbeat"

    static let sql = """
        CREATE TABLE "replicationHeartbeat" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "at" DATETIME NOT NULL);
        """
}
