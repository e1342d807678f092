/// `v28-recommendation-call-back` (issue 18): a recommendation called back to a later meeting, listed under that
/// meeting's "Progress on recommendations" item (`CallBack`). Once per meeting; removing the item removes its list.
enum V28RecommendationCallBack {
    static let identifier = "v28-recommendation-call-back"

    static let sql = """
        CREATE TABLE "recommendationCallBack" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "recommendationId" INTEGER NOT NULL REFERENCES "recommendation"("id") ON DELETE CASCADE,
          "agendaItemId" INTEGER NOT NULL REFERENCES "agendaItem"("id") ON DELETE CASCADE,
          "at" DATETIME NOT NULL,
          "byName" TEXT NOT NULL,
          UNIQUE ("recommendationId", "agendaItemId")
        );
        CREATE INDEX "recommendationCallBack_item" ON "recommendationCallBack"("agendaItemId");
        """
}
