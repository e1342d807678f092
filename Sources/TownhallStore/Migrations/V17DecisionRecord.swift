/// `v17-decision-record` (issue 16): the rest of a decision record beside an agenda item's decision: its reasons, the
/// alternatives considered and the day it takes effect. Decisions recorded before this keep only their text.
enum V17DecisionRecord {
    static let identifier = "v17-decision-record"

    static let sql = """
        ALTER TABLE "agendaItem" ADD COLUMN "decisionReasons" TEXT;
        ALTER TABLE "agendaItem" ADD COLUMN "decisionAlternatives" TEXT;
        ALTER TABLE "agendaItem" ADD COLUMN "decisionTakesEffect" TEXT;
        """
}
