import SiteModel
import Yams

/// Reads `Content/data/crisis.yml`: the urgent-help contacts shown on every page.
enum CrisisContactsReader {
    static let contactSchema = YAMLSchema(
        required: ["name", "description", "hours", "nations", "last_verified", "source"],
        optional: ["phone", "sms", "sms_body", "email", "url"])

    static func read(_ file: SourceText) -> Result<[CrisisContact], BuildFailure> {
        let document = YAMLDocument(file: file)
        var diagnostics: [Diagnostic] = []
        guard let root = document.compose(into: &diagnostics) else {
            if diagnostics.isEmpty { diagnostics.append(.error("crisis.yml is empty; it must list 'contacts'", at: file.location())) }
            return .failure(BuildFailure(diagnostics))
        }
        var reader = YAMLReader(document)
        guard let fields = reader.mapping(root, what: "crisis.yml", schema: .init(required: ["contacts"], optional: [])) else {
            return .failure(BuildFailure(reader.diagnostics))
        }
        let contacts = reader.list(fields, "contacts") { reader, node -> CrisisContact? in
            guard let contact = reader.mapping(node, what: "a contact", schema: contactSchema) else { return nil }
            // Every field is read before any is required, so one bad value hides no other.
            let name = reader.text(contact, "name"), description = reader.text(contact, "description")
            let hours = reader.text(contact, "hours"), verified = reader.day(contact, "last_verified")
            let source = reader.text(contact, "source"), nations = reader.choices(contact, "nations", as: Nation.self)
            let phone = reader.text(contact, "phone"), sms = reader.text(contact, "sms")
            let email = reader.text(contact, "email"), url = reader.text(contact, "url")
            for (key, number) in [("phone", phone), ("sms", sms)] {
                if let number, !number.allSatisfy({ $0.isNumber || $0 == " " || $0 == "+" }), let valueNode = contact.values[key] {
                    reader.error("'\(key)' must be digits and spaces, like \"116 123\", not '\(number)'", at: valueNode)
                }
            }
            guard let name, let description, let hours, let verified, let source else { return nil }
            if phone == nil, sms == nil, email == nil, url == nil {
                reader.error("contact '\(name)' needs at least one of phone, sms, email or url", at: node)
            }
            return CrisisContact(name: name, description: description, phone: phone, sms: sms,
                                 smsBody: reader.text(contact, "sms_body"), email: email, url: url, hours: hours,
                                 nations: nations, lastVerified: verified, source: source)
        }
        guard reader.diagnostics.isEmpty else { return .failure(BuildFailure(reader.diagnostics)) }
        return .success(contacts)
    }
}
