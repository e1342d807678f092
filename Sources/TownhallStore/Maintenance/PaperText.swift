import GRDB
import TownhallDomain

/// Derived data a migration cannot compute in SQL: the rendered words of papers published before `v12-paper-text`.
enum PaperText {
    /// Gives every rendered paper that has no `text` its words (the record writes them), then rebuilds the search
    /// index once rather than feeding it paper by paper. Does nothing once every paper has them.
    static func fill(_ writer: any DatabaseWriter) throws {
        try writer.write { db in
            let papers = try Paper.filter(sql: "html IS NOT NULL AND text IS NULL").fetchAll(db)
            guard !papers.isEmpty else { return }
            let triggers = try SearchSchema.suspend(db)
            for paper in papers { try paper.update(db) }
            try SearchSchema.rebuild(db, restoring: triggers)
        }
    }
}
