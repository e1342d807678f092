import TownhallDomain
import TownhallStore

/// The agenda page of one meeting. Exempt items carry only their title and Schedule 12A paragraph.
struct MeetingView: Sendable, Encodable {
    struct PaperLink: Sendable, Encodable {
        let title: String
        let url: String
        let revision: Int
        let isRevised: Bool
        let lateReason: String?
    }

    struct ItemRow: Sendable, Encodable {
        let number: String
        let title: String
        let typeLabel: String
        let isExempt: Bool
        let exemptParagraph: Int?
        let exemptSummary: String?
        let decision: DecisionView?
        /// "Supplementary item, added 3 Dec 2026 at 4:15pm" for an item added to the published agenda.
        let supplementary: String?
        /// The special circumstances of urgent business (s100B(4)(b)).
        let urgency: String?
        let papers: [PaperLink]
        let hasPapers: Bool
        let attachments: [AttachmentLink]
        let hasAttachments: Bool
        /// The recommendations a "Progress on recommendations" item lists.
        let calledBack: [CalledBackLink]
        let hasCalledBack: Bool
        /// The public questions item's anchor (`public-questions`) and its accepted questions with their answers.
        let anchor: String?
        /// Where this item's recording can be watched, if the clerk gave a link.
        let itemRecording: String?
        let questions: [QuestionRow]
        let hasQuestions: Bool
    }

    /// "Ask a question" with its deadline, on a meeting questions were opened for.
    struct QuestionsOpen: Sendable, Encodable {
        let askURL: String
        let questionsDeadline: String
    }

    struct CalledBackLink: Sendable, Encodable {
        let url: String
        let number: Int
        let paperTitle: String
        let organisationName: String
        let text: String
    }

    /// An item's decision record as residents read it, with the interests declared on the item. The names are
    /// prefixed so a part left empty never picks up a value from an enclosing section.
    struct DecisionView: Sendable, Encodable {
        let decisionText: String
        let decisionReasons: String?
        let decisionAlternatives: String?
        let decisionTakesEffect: String?
        let decisionInterests: [String]
        let hasDecisionInterests: Bool

        init(_ record: DecisionRecord, interests: [String], time: LocalTime) {
            decisionText = record.decision
            decisionReasons = record.reasons
            decisionAlternatives = record.alternatives
            decisionTakesEffect = record.takesEffect.map(time.longDate(day:))
            decisionInterests = interests
            hasDecisionInterests = !interests.isEmpty
        }
    }

    let meeting: MeetingRow
    let follow: FollowLink
    let endTime: String?
    let locationName: String?
    let locationAddress: String?
    let agendaPublished: Bool
    let agendaPublishedOn: String?
    /// The agenda pack, once made: the HTML, and the PDF with its size when there is one.
    let pack: Pack?
    /// How to attend or watch, when the clerk has said.
    let attending: Attending?

    struct Attending: Sendable, Encodable {
        /// Offered until the meeting is held or cancelled.
        let webcastURL: String?
        let recordingURL: String?
        let contactName: String?
        let contactEmail: String?
        let contactEmailURL: String?
        let contactPhone: String?
        let contactPhoneURL: String?
        let howToAttend: String?

        init?(_ meeting: Meeting) {
            let access = meeting.access
            guard !access.isEmpty else { return nil }
            webcastURL = meeting.status == .held || meeting.status == .cancelled ? nil : access.webcastURL
            recordingURL = access.recordingURL
            contactName = access.contactName
            contactEmail = access.contactEmail
            contactEmailURL = access.contactEmail.map { "mailto:\($0)" }
            contactPhone = access.contactPhone
            contactPhoneURL = access.contactPhone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }
            howToAttend = access.howToAttend
        }
    }

    struct Pack: Sendable, Encodable {
        let htmlURL: String
        let pdfURL: String?
        let pdfSize: String?
        let madeOn: String
    }
    let lateReason: String?
    let shortNotice: String?
    /// What the private part stood on (regulation 5): the notice of intention and the further notice.
    let privateNotice: [String]
    let hasPrivateNotice: Bool
    let items: [ItemRow]
    let hasItems: Bool
    let record: MinutesView
    let witnesses: [InquiryView.WitnessRow]
    let hasWitnesses: Bool
    let inquiryTitle: String?
    let inquiryURL: String?
    let questionsOpen: QuestionsOpen?

    init(_ detail: MeetingDetail, record: MeetingRecord, pack: AgendaPackRecord? = nil, time: LocalTime, rule: PublicationRule) {
        let id = detail.summary.meeting.id!
        attending = Attending(detail.summary.meeting)
        self.pack = pack.map { pack in
            Pack(htmlURL: SiteURL.agendaPack(id).path, pdfURL: pack.pdfBytes == nil ? nil : SiteURL.agendaPackPDF(id).path,
                 pdfSize: pack.pdfBytes.map(AttachmentLink.size), madeOn: time.dateTime(pack.generatedAt))
        }
        self.record = MinutesView(record, time: time)
        meeting = MeetingRow(detail.summary, time: time)
        follow = FollowLink(.meeting(detail.summary.meeting.id!))
        endTime = detail.summary.meeting.endsAt.map { time.time($0) }
        locationName = detail.location?.name
        locationAddress = detail.location.flatMap { $0.address.isEmpty ? nil : $0.address }
        agendaPublished = detail.agendaPublished
        agendaPublishedOn = detail.summary.meeting.agendaPublishedAt.map { time.shortDate($0) }
        lateReason = detail.summary.meeting.lateReason
        shortNotice = MeetingNotice.shortNotice(detail.summary.meeting, rule: rule)
        privateNotice = detail.privateNotice?.statements(time: time) ?? []
        hasPrivateNotice = !privateNotice.isEmpty
        items = detail.items.map { entry in
            let item = entry.item
            let papers = entry.papers.map {
                PaperLink(title: $0.title, url: SiteURL.paper($0.id).path, revision: $0.revision, isRevised: $0.revision > 1, lateReason: $0.lateReason)
            }
            let files = entry.attachments.map(AttachmentLink.init)
            let calledBack = entry.recommendations.map {
                CalledBackLink(url: SiteURL.recommendation($0.id).path, number: $0.number, paperTitle: $0.paperTitle,
                               organisationName: $0.organisationName, text: $0.text)
            }
            let questions = entry.questions.enumerated().map { QuestionRow($1, number: $0 + 1) }
            return ItemRow(
                number: item.number, title: item.title, typeLabel: item.itemType.label, isExempt: item.isExempt,
                exemptParagraph: item.exemptParagraph?.rawValue, exemptSummary: item.exemptParagraph?.summary,
                decision: item.isExempt ? nil : item.decisionRecord.map { decision in
                    DecisionView(decision, interests: record.declarations.filter { $0.itemNumber == item.number }.map {
                        "\($0.personName): \($0.kind.label.lowercased()), \($0.interest)"
                    }, time: time)
                },
                supplementary: MeetingNotice.supplementary(item, time: time),
                urgency: item.urgency.map(Urgency.agendaStatement), papers: papers, hasPapers: !papers.isEmpty,
                attachments: files, hasAttachments: !files.isEmpty, calledBack: calledBack, hasCalledBack: !calledBack.isEmpty,
                anchor: item.id == detail.questionWindow?.agendaItemId ? "public-questions" : nil,
                itemRecording: item.isExempt ? nil : item.recordingURL, questions: questions, hasQuestions: !questions.isEmpty)
        }
        hasItems = !items.isEmpty
        witnesses = detail.witnesses.map { InquiryView.WitnessRow(name: $0.name, role: $0.role) }
        hasWitnesses = !witnesses.isEmpty
        inquiryTitle = detail.inquiry?.title
        inquiryURL = detail.inquiry.map { SiteURL.inquiry(slug: $0.slug).path }
        // Shown until the meeting is held or called off; the form itself refuses anything after the deadline.
        let meeting = detail.summary.meeting
        questionsOpen = detail.questionWindow.flatMap { window in
            meeting.status == .scheduled ? QuestionsOpen(askURL: SiteURL.askQuestion(meeting: id).path, questionsDeadline: window.closingPhrase(time: time)) : nil
        }
    }
}
