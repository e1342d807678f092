import GRDB

/// Versioned schema. Never edit a shipped migration: add a new one, so existing stores upgrade in place.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.create(table: "authority") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
            }
            try db.create(table: "body") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("description", .text).notNull().defaults(to: "")
                t.column("area", .text).notNull().defaults(to: "")
            }
            try db.create(table: "person") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("title", .text).notNull().defaults(to: "")
            }
            try db.create(table: "membership") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("person", onDelete: .cascade).notNull()
                t.belongsTo("body", onDelete: .cascade).notNull()
                t.column("role", .text).notNull()
                t.belongsTo("authority", onDelete: .setNull)
                t.column("startDate", .text).notNull()
                t.column("endDate", .text)
                t.check(sql: "endDate IS NULL OR endDate >= startDate")
            }
            try db.create(table: "location") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("address", .text).notNull().defaults(to: "")
            }
            try db.create(table: "meeting") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("body", onDelete: .restrict).notNull()
                t.column("title", .text).notNull()
                t.column("startsAt", .datetime).notNull()
                t.column("endsAt", .datetime)
                t.belongsTo("location", onDelete: .setNull)
                t.column("status", .text).notNull().defaults(to: "scheduled")
                t.column("agendaPublishedAt", .datetime)
                t.check(sql: "endsAt IS NULL OR endsAt > startsAt")
            }
            try db.create(index: "meeting_on_startsAt", on: "meeting", columns: ["startsAt"])
            try db.create(table: "agendaItem") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("meeting", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("number", .text).notNull()
                t.column("title", .text).notNull()
                t.column("itemType", .text).notNull()
                t.column("isExempt", .boolean).notNull().defaults(to: false)
                t.column("exemptParagraph", .integer)
                t.column("decision", .text)
                t.uniqueKey(["meetingId", "position"])
                t.check(sql: "(isExempt = 0 AND exemptParagraph IS NULL) OR (isExempt = 1 AND exemptParagraph IS NOT NULL AND exemptParagraph BETWEEN 1 AND 7)")
            }
            try db.create(table: "paper") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("agendaItem", onDelete: .restrict).notNull()
                t.column("title", .text).notNull()
                t.column("author", .text).notNull().defaults(to: "")
                t.column("markdown", .text).notNull()
                t.column("html", .text)
                t.column("status", .text).notNull().defaults(to: "draft")
                t.column("revision", .integer).notNull().defaults(to: 1)
                t.column("publishedAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.check(sql: "status <> 'published' OR (html IS NOT NULL AND publishedAt IS NOT NULL)")
            }
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("agendaItem", onDelete: .restrict).notNull()
                t.belongsTo("paper", onDelete: .restrict)
                t.column("fileName", .text).notNull()
                t.column("mediaType", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("storagePath", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2-accounts-audit") { db in
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("email", .text).notNull().unique().collate(.nocase)
                t.column("name", .text).notNull()
                t.column("role", .text).notNull()
                t.column("organisation", .text)
                t.column("passwordHash", .text).notNull()
                t.column("isDisabled", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "clerkBody") { t in
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.belongsTo("body", onDelete: .cascade).notNull()
                t.primaryKey(["userId", "bodyId"])
            }
            try db.create(table: "session") { t in
                t.column("tokenHash", .text).primaryKey()
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("csrfToken", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
            }
            try db.create(table: "loginAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("email", .text).notNull().collate(.nocase)
                t.column("address", .text).notNull()
                t.column("attemptedAt", .datetime).notNull()
                t.column("succeeded", .boolean).notNull()
            }
            try db.create(index: "loginAttempt_on_attemptedAt", on: "loginAttempt", columns: ["attemptedAt"])
            try db.create(table: "auditLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.belongsTo("user", onDelete: .setNull)
                t.column("action", .text).notNull()
                t.column("objectType", .text).notNull()
                t.column("objectId", .integer)
                t.column("details", .text).notNull().defaults(to: "")
            }
            try db.alter(table: "meeting") { t in
                t.add(column: "lateReason", .text)
            }
        }
        migrator.registerMigration("v3-paper-revisions") { db in
            try db.alter(table: "paper") { t in
                t.add(column: "previousRevisionId", .integer).references("paper", onDelete: .restrict)
                t.add(column: "supersededAt", .datetime)
                t.add(column: "withdrawnAt", .datetime)
                t.add(column: "withdrawalReason", .text)
            }
            try db.create(index: "paper_on_previousRevisionId", on: "paper", columns: ["previousRevisionId"])
        }
        migrator.registerMigration("v4-attendance-minutes") { db in
            try db.create(table: "attendance") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("meeting", onDelete: .cascade).notNull()
                t.belongsTo("person", onDelete: .restrict).notNull()
                t.column("status", .text).notNull()
                t.uniqueKey(["meetingId", "personId"])
            }
            try db.create(table: "declaration") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("meeting", onDelete: .cascade).notNull()
                t.belongsTo("person", onDelete: .restrict).notNull()
                t.belongsTo("agendaItem", onDelete: .setNull)
                t.column("kind", .text).notNull()
                t.column("interest", .text).notNull()
            }
            try db.create(table: "minutes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("meeting", onDelete: .cascade).notNull().unique()
                t.column("markdown", .text).notNull()
                t.column("html", .text)
                t.column("status", .text).notNull()
                t.column("publishedAt", .datetime)
                t.column("approvedAt", .datetime)
                t.belongsTo("approvedAtMeeting", inTable: "meeting", onDelete: .restrict)
            }
        }
        migrator.registerMigration("v5-late-papers") { db in
            try db.alter(table: "paper") { t in t.add(column: "lateReason", .text) }
        }
        migrator.registerMigration("v6-recommendations") { db in
            try db.create(table: "organisation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
            }
            try db.alter(table: "user") { t in t.add(column: "organisationId", .integer).references("organisation", onDelete: .restrict) }
            try db.alter(table: "body") { t in
                t.add(column: "responseRule", .text)
                t.add(column: "dueSoonWorkingDays", .integer).notNull().defaults(to: 10)
                t.add(column: "longOverdueWorkingDays", .integer).notNull().defaults(to: 20)
            }
            try db.create(table: "recommendation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("paper", onDelete: .restrict).notNull()
                t.belongsTo("body", onDelete: .restrict).notNull()
                t.belongsTo("organisation", onDelete: .restrict).notNull()
                t.column("number", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('draft', 'issued', 'referred', 'closed')")
                t.column("createdAt", .datetime).notNull()
                t.column("issuedAt", .datetime)
                t.column("dueOn", .text)
                t.column("referredTo", .text)
                t.column("referralNote", .text)
                t.column("referredAt", .datetime)
                t.column("closedAt", .datetime)
                t.column("closingNote", .text)
                t.uniqueKey(["paperId", "number"])
                t.check(sql: "status = 'draft' OR (issuedAt IS NOT NULL AND dueOn IS NOT NULL)")
            }
            try db.create(index: "recommendation_on_dueOn", on: "recommendation", columns: ["dueOn"])
            try db.create(table: "deadlineExtension") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("recommendation", onDelete: .cascade).notNull()
                t.column("previousDueOn", .text).notNull()
                t.column("newDueOn", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("byName", .text).notNull()
            }
            try db.create(table: "response") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("paper", onDelete: .restrict).notNull()
                t.belongsTo("organisation", onDelete: .restrict).notNull()
                t.column("version", .integer).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('draft', 'submitted')")
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("submittedAt", .datetime)
                t.column("submittedBy", .text)
                t.uniqueKey(["paperId", "organisationId", "version"])
            }
            try db.execute(sql: """
                CREATE UNIQUE INDEX response_one_draft ON response(paperId, organisationId) WHERE status = 'draft';
                CREATE TRIGGER response_submitted_is_immutable BEFORE UPDATE ON response WHEN OLD.status = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be changed'); END;
                CREATE TRIGGER response_submitted_is_permanent BEFORE DELETE ON response WHEN OLD.status = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be deleted'); END;
                """)
            try db.create(table: "responseItem") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("response", onDelete: .cascade).notNull()
                t.belongsTo("recommendation", onDelete: .restrict).notNull()
                t.column("decision", .text)
                t.column("reasons", .text).notNull().defaults(to: "")
                t.column("action", .text).notNull().defaults(to: "")
                t.column("targetDate", .text)
                t.uniqueKey(["responseId", "recommendationId"])
            }
            try db.execute(sql: """
                CREATE TRIGGER response_item_of_submitted_is_immutable BEFORE UPDATE ON responseItem
                WHEN (SELECT status FROM response WHERE id = OLD.responseId) = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'a submitted response cannot be changed'); END;
                """)
            try db.create(table: "implementationUpdate") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("recommendation", onDelete: .cascade).notNull()
                t.column("status", .text).notNull()
                t.column("note", .text).notNull()
                t.column("targetDate", .text)
                t.column("at", .datetime).notNull()
                t.column("byName", .text).notNull()
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("dedupeKey", .text).unique()
                t.column("recipient", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("body", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("sentAt", .datetime)
            }
            try db.create(index: "outbox_pending", on: "outbox", columns: ["sentAt", "nextAttemptAt"])
        }
        migrator.registerMigration("v7-body-kinds") { db in
            try db.create(table: "bodyCouncil") { t in
                t.column("bodyId", .integer).notNull().references("body", onDelete: .cascade)
                t.column("authorityId", .integer).notNull().references("authority", onDelete: .restrict)
                t.primaryKey(["bodyId", "authorityId"])
            }
            try db.alter(table: "membership") { t in t.add(column: "category", .text) }
            try db.alter(table: "paper") { t in t.add(column: "kind", .text).notNull().defaults(to: "report") }
            try db.create(table: "boardDecision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("body", onDelete: .restrict).notNull()
                t.belongsTo("meeting", onDelete: .setNull)
                t.belongsTo("paper", onDelete: .setNull)
                t.column("function", .text).notNull()
                    .check(sql: "function IN ('budget-precept', 'appoint-chief-constable', 'dismiss-chief-constable', 'policing-plan')")
                t.column("decidedOn", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("budgetPence", .integer)
                t.column("preceptPence", .integer)
                t.column("chiefConstable", .text)
                t.column("priorities", .text)
                t.check(sql: "function <> 'budget-precept' OR (budgetPence > 0 AND preceptPence > 0)")
                t.check(sql: "function NOT IN ('appoint-chief-constable', 'dismiss-chief-constable') OR chiefConstable <> ''")
                t.check(sql: "function <> 'policing-plan' OR priorities <> ''")
            }
            try db.create(table: "inquiry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("body", onDelete: .restrict).notNull()
                t.column("slug", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("scope", .text).notNull().defaults(to: "")
                t.column("openedOn", .text).notNull()
                t.belongsTo("reportPaper", inTable: "paper", onDelete: .restrict)
            }
            try db.alter(table: "meeting") { t in t.add(column: "inquiryId", .integer).references("inquiry", onDelete: .setNull) }
            try db.create(table: "witness") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("meeting", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                t.column("role", .text).notNull().defaults(to: "")
                t.belongsTo("organisation", onDelete: .restrict)
            }
            try db.create(table: "peerChallenge") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.belongsTo("teamBody", inTable: "body", onDelete: .restrict, indexed: false).notNull()
                t.belongsTo("authority", onDelete: .restrict).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('corporate', 'safeguarding', 'thematic')")
                t.column("scope", .text).notNull()
                t.column("onSiteFrom", .text).notNull()
                t.column("onSiteTo", .text).notNull()
                t.belongsTo("followUpOf", inTable: "peerChallenge", onDelete: .setNull)
                t.belongsTo("reportPaper", inTable: "paper", onDelete: .restrict)
                t.column("reportPublishedOn", .text)
                t.column("reportBackOn", .text)
                t.column("reportBackSummary", .text)
                t.column("followUpOn", .text)
                t.check(sql: "onSiteTo >= onSiteFrom")
            }
            try db.create(index: "peerChallenge_one_per_team", on: "peerChallenge", columns: ["teamBodyId"], options: .unique)
        }
        migrator.registerMigration("v8-search") { db in try SearchSchema.create(db) }
        migrator.registerMigration("v9-last-change") { db in
            try db.create(index: "auditLog_at", on: "auditLog", columns: ["at"])
            // OParl's created and modified come from the audit trail of each object.
            try db.create(index: "auditLog_object", on: "auditLog", columns: ["objectType", "objectId", "at"])
        }
        migrator.registerMigration("v10-password-reset") { db in
            try db.create(table: "passwordReset") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
            }
        }
        return migrator
    }
}
