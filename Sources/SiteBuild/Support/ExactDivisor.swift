/// Division by a fixed divisor, for numbers that are multiples of it, as one multiply: the
/// language scanner turns row offsets back into state numbers this way, where a hardware
/// division (about 25 cycles) was a tenth of its time.
struct ExactDivisor: Sendable {
    let divisor: Int
    /// ⌊(2⁶⁴ − 1) / divisor⌋ + 1, which is 2⁶⁴ / divisor + e with 0 ≤ e < 1. For n = q × divisor,
    /// n × reciprocal / 2⁶⁴ = q + n × e / 2⁶⁴, and n × e < 2⁶⁴: the high word is q exactly.
    private let reciprocal: UInt64

    /// `divisor` is at least 1.
    init(_ divisor: Int) {
        self.divisor = max(1, divisor)
        reciprocal = self.divisor == 1 ? 0 : UInt64.max / UInt64(self.divisor) + 1
    }

    /// `multiple / divisor`, for a non-negative multiple of the divisor.
    func divide(_ multiple: Int) -> Int {
        divisor == 1 ? multiple : Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: multiple).multipliedFullWidth(by: reciprocal).high)
    }
}
