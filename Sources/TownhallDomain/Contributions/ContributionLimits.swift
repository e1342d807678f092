import Foundation

/// Bounds on what residents may send, so the forms cannot be used to flood a clerk or the outbox. Nothing a
/// resident sends is public until a clerk accepts it; these only keep the queue and the mail sane.
public enum ContributionLimits {
    /// Contributions one address may send in a day (each needs its own confirmation e-mail).
    public static let perAddressPerDay = 5
    /// Contributions one network address may send in an hour.
    public static let perClientPerHour = 10
    /// A name or organisation as a person types it.
    public static let nameCharacters = 200
    /// A confirmation link works this long, and never after its window closes.
    public static let confirmationLifetime: TimeInterval = 7 * 24 * 3600
    /// The clear working days before a meeting by which questions must be confirmed, unless the clerk says otherwise.
    public static let defaultQuestionClearDays = 3
    /// The most clear working days a clerk may ask for.
    public static let maxQuestionClearDays = 20
}
