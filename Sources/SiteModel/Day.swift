/// A calendar date with no time or time zone: what `published: 2026-03-03` means.
///
/// Content dates are plain days so that a build is the same in every time zone and never
/// reads the clock; "today" is an input to the build.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil: `Day(year: 2026, month: 2, day: 30)` is nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (0x30...0x39).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `2026-03-03`.
    public var iso: String {
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count < 2 ? "0" : "") + m + "-" + (d.count < 2 ? "0" : "") + d
    }

    /// `3 March 2026`, the form GOV.UK and the NHS website use.
    public var human: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    public var description: String { iso }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences between dates.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The same date `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> Day {
        let target = year + years
        return Day(year: target, month: month, day: min(day, Self.daysIn(month: month, year: target)))
            ?? self
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> Day {
        // Hinnant's civil_from_days.
        let z = daysSinceEpoch + days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d) ?? self
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

extension Day {
    /// 0001-01-01: sorts before every real content date.
    public static let distantPast = Day(validYear: 1, month: 1, day: 1)
}
