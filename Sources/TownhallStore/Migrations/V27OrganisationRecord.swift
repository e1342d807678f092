/// `v27-organisation-record` (issue 18): what an organisation of kind "other" is, and the council (authority) an
/// organisation is, so a council on a board that also receives recommendations is one record. One organisation
/// per authority at most.
enum V27OrganisationRecord {
    static let identifier = "v27-organisation-record"

    static let sql = """
        ALTER TABLE "organisation" ADD COLUMN "otherKind" TEXT;
        ALTER TABLE "organisation" ADD COLUMN "authorityId" INTEGER REFERENCES "authority"("id") ON DELETE RESTRICT;
        CREATE UNIQUE INDEX "organisation_one_per_authority" ON "organisation"("authorityId") WHERE "authorityId" IS NOT NULL;
        """
}
