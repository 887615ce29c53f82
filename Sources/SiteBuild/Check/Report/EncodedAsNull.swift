/// An optional JSON value whose key is always written, as `null` when there is no value.
/// Synthesized `Encodable` leaves a nil optional's key out; the check schema promises every
/// key on every object, so tools can read it without testing for presence.
@propertyWrapper
struct EncodedAsNull<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
