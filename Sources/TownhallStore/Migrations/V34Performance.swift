/// `v34-performance` (issue 20): plans with priorities, measures (unit, which way is better, baseline) and their
/// targets and results by period, each result able to name the published paper it came from.
enum V34Performance {
    static let identifier = "v34-performance"

    static let sql = """
        CREATE TABLE "performancePlan" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "bodyId" INTEGER NOT NULL REFERENCES "body"("id") ON DELETE RESTRICT,
          "slug" TEXT NOT NULL UNIQUE,
          "title" TEXT NOT NULL,
          "paperId" INTEGER REFERENCES "paper"("id") ON DELETE SET NULL,
          "summary" TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX "performancePlan_on_bodyId" ON "performancePlan"("bodyId");
        CREATE TABLE "planPriority" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "planId" INTEGER NOT NULL REFERENCES "performancePlan"("id") ON DELETE CASCADE,
          "position" INTEGER NOT NULL,
          "title" TEXT NOT NULL,
          UNIQUE ("planId", "title")
        );
        CREATE TABLE "planMeasure" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "priorityId" INTEGER NOT NULL REFERENCES "planPriority"("id") ON DELETE CASCADE,
          "position" INTEGER NOT NULL,
          "name" TEXT NOT NULL,
          "unit" TEXT NOT NULL DEFAULT '',
          "direction" TEXT NOT NULL CHECK ("direction" IN ('higher', 'lower')),
          "baseline" REAL NOT NULL,
          "baselinePeriod" TEXT NOT NULL,
          UNIQUE ("priorityId", "name")
        );
        CREATE TABLE "measurePoint" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "measureId" INTEGER NOT NULL REFERENCES "planMeasure"("id") ON DELETE CASCADE,
          "kind" TEXT NOT NULL CHECK ("kind" IN ('target', 'result')),
          "period" TEXT NOT NULL,
          "value" REAL NOT NULL,
          "paperId" INTEGER REFERENCES "paper"("id") ON DELETE SET NULL,
          UNIQUE ("measureId", "kind", "period")
        );
        """
}
