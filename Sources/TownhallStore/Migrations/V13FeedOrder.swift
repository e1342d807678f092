/// `v13-feed-order`: the papers feeds and the newest-papers lists read papers newest first; without an index on
/// `publishedAt` each read sorted the whole paper table (0.3 s at 100,000 papers, 2.9 s at 300,000; issue 15).
enum V13FeedOrder {
    static let identifier = "v13-feed-order"

    static let sql = """
        CREATE INDEX paper_publishedAt ON paper(publishedAt);
        """
}
