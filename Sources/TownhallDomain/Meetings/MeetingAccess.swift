import Foundation

/// How a resident can attend, watch or ask about a meeting (issue 19): the live webcast, the recording afterwards,
/// the contact officer, and the clerk's own words on coming in person (the room, access, registering to speak).
/// Every part is optional; what is given is checked here, so the clerk's form and the CLI refuse the same things.
public struct MeetingAccess: Sendable, Equatable {
    public enum Field: String, CaseIterable, Sendable {
        case webcastURL, recordingURL, contactName, contactEmail, contactPhone, howToAttend
    }

    public var webcastURL: String?
    public var recordingURL: String?
    public var contactName: String?
    public var contactEmail: String?
    public var contactPhone: String?
    public var howToAttend: String?

    /// Blank parts become nil, so an emptied field clears what was there.
    public init(webcastURL: String? = nil, recordingURL: String? = nil, contactName: String? = nil, contactEmail: String? = nil,
                contactPhone: String? = nil, howToAttend: String? = nil) {
        self.webcastURL = webcastURL?.trimmedOrNil
        self.recordingURL = recordingURL?.trimmedOrNil
        self.contactName = contactName?.trimmedOrNil
        self.contactEmail = contactEmail?.trimmedOrNil
        self.contactPhone = contactPhone?.trimmedOrNil
        self.howToAttend = howToAttend?.trimmedOrNil
    }

    public var isEmpty: Bool { self == MeetingAccess() }

    /// What is wrong with a link to a webcast or recording (the meeting's or an item's), or nil: web addresses only,
    /// so a page never links to `javascript:` or a file on the clerk's disk.
    public static func linkProblem(_ value: String?, what: String) -> String? {
        guard let value = value?.trimmedOrNil, !value.isWebAddress else { return nil }
        return "\(what) must be a web address starting https://, for example https://example.org/live"
    }

    /// What is wrong with each part, in the form's order; empty when all is well.
    public var problems: [(field: Field, message: String)] {
        var found: [(field: Field, message: String)] = []
        for (field, value, what) in [(Field.webcastURL, webcastURL, "The webcast link"), (.recordingURL, recordingURL, "The recording link")] {
            if let problem = Self.linkProblem(value, what: what) { found.append((field, problem)) }
        }
        if let name = contactName, name.count > 200 { found.append((.contactName, "The contact's name must be 200 characters or fewer")) }
        if let email = contactEmail, let problem = Follow.emailProblem(email) {
            found.append((.contactEmail, problem.replacingOccurrences(of: "your email address", with: "the contact's email address")))
        }
        if let phone = contactPhone, phone.count > 40 || !phone.allSatisfy({ $0.isNumber || " +()-".contains($0) }) || phone.filter(\.isNumber).count < 6 {
            found.append((.contactPhone, "The contact's phone number must be digits, spaces, brackets, + or -, for example 01632 960 123"))
        }
        if let text = howToAttend, let problem = TextLimits.noteProblem(text, what: "How to attend") { found.append((.howToAttend, problem)) }
        if contactEmail != nil || contactPhone != nil, contactName == nil { found.append((.contactName, "Give the contact officer's name with their email or phone")) }
        return found
    }
}

extension Meeting {
    public var access: MeetingAccess {
        get {
            MeetingAccess(webcastURL: webcastURL, recordingURL: recordingURL, contactName: contactName, contactEmail: contactEmail,
                          contactPhone: contactPhone, howToAttend: howToAttend)
        }
        set {
            webcastURL = newValue.webcastURL
            recordingURL = newValue.recordingURL
            contactName = newValue.contactName
            contactEmail = newValue.contactEmail
            contactPhone = newValue.contactPhone
            howToAttend = newValue.howToAttend
        }
    }
}
