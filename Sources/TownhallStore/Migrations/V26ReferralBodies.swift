/// `v26-referral-bodies` (issue 18): the maintained list of bodies a refusal can be referred to, started with the
/// national ones every installation can use, and what a referral records: the body from the list, when a reply is
/// due, and the outcome when it comes. A referral made before this keeps its free-text `referredTo` and no body.
enum V26ReferralBodies {
    static let identifier = "v26-referral-bodies"

    static let sql = """
        CREATE TABLE "referralBody" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT, "slug" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL CHECK (length(trim("name")) > 0),
          "kind" TEXT NOT NULL CHECK ("kind" IN ('parliament', 'government', 'regulator', 'inspectorate', 'ombudsman', 'local', 'other')),
          "isActive" BOOLEAN NOT NULL DEFAULT 1);
        INSERT INTO "referralBody" ("slug", "name", "kind") VALUES
          ('public-accounts-committee', 'Public Accounts Committee (House of Commons)', 'parliament'),
          ('home-office', 'Home Office', 'government'),
          ('department-of-health-and-social-care', 'Department of Health and Social Care', 'government'),
          ('department-for-education', 'Department for Education', 'government'),
          ('ministry-of-housing-communities-and-local-government', 'Ministry of Housing, Communities and Local Government', 'government'),
          ('care-quality-commission', 'Care Quality Commission', 'regulator'),
          ('regulator-of-social-housing', 'Regulator of Social Housing', 'regulator'),
          ('hmicfrs', 'His Majesty''s Inspectorate of Constabulary and Fire & Rescue Services', 'inspectorate'),
          ('ofsted', 'Ofsted', 'inspectorate'),
          ('local-government-and-social-care-ombudsman', 'Local Government and Social Care Ombudsman', 'ombudsman');
        ALTER TABLE "recommendation" ADD COLUMN "referralBodyId" INTEGER REFERENCES "referralBody"("id") ON DELETE RESTRICT;
        ALTER TABLE "recommendation" ADD COLUMN "referralReplyDueOn" TEXT;
        ALTER TABLE "recommendation" ADD COLUMN "referralOutcome" TEXT;
        ALTER TABLE "recommendation" ADD COLUMN "referralOutcomeOn" TEXT;
        """
}
