/// An urgent-help contact from `Content/data/crisis.yml`, shown on every page.
public struct CrisisContact: Sendable, Hashable {
    public let name: String
    public let description: String
    public let phone: String?
    public let sms: String?
    public let smsBody: String?
    public let email: String?
    public let url: String?
    public let hours: String
    public let nations: [Nation]
    /// When someone last checked the number still works as described.
    public let lastVerified: Located<Day>
    public let source: String

    public init(name: String, description: String, phone: String?, sms: String?, smsBody: String?,
                email: String?, url: String?, hours: String, nations: [Nation],
                lastVerified: Located<Day>, source: String) {
        self.name = name
        self.description = description
        self.phone = phone
        self.sms = sms
        self.smsBody = smsBody
        self.email = email
        self.url = url
        self.hours = hours
        self.nations = nations
        self.lastVerified = lastVerified
        self.source = source
    }
}
