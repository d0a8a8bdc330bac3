public import Core

/// An ISO 20022 date and time (`2007-10-18T08:00:00+01:00`) as the bank wrote it: its clock time and, when given,
/// its offset from UTC. Nothing is converted, and no time zone of this machine is consulted.
public struct CAMTDateTime: Hashable, Sendable, CustomStringConvertible {
    /// The calendar day on the bank's clock.
    public var date: LocalDate
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int
    /// 0–59.
    public var second: Int
    /// The digits of a fraction of a second as written (`"123"` for `.123`); empty when none.
    public var fraction: String
    /// Minutes east of UTC (`+01:00` is 60, `Z` is 0); nil for a local time without offset.
    public var offsetMinutes: Int?

    /// Reads `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`; nil for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let day = try? LocalDate(parsing: String(parts[0])) else { return nil }
        let time = Array(parts[1].utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= time.count else { return nil }
            var value = 0
            for byte in time[from..<from + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard time.count >= 8, time[2] == 58, time[5] == 58, let h = number(0, 2), let m = number(3, 2),
              let s = number(6, 2), h < 24, m < 60, s < 60 else { return nil }
        var index = 8
        var digits = ""
        if index < time.count && time[index] == 46 {
            index += 1
            while index < time.count, time[index] >= 48 && time[index] <= 57 {
                digits.append(Character(Unicode.Scalar(time[index])))
                index += 1
            }
            guard !digits.isEmpty else { return nil }
        }
        var offset: Int?
        if index < time.count {
            if time[index] == 90 && index + 1 == time.count {
                offset = 0
            } else {
                guard time.count == index + 6, time[index] == 43 || time[index] == 45, time[index + 3] == 58,
                      let oh = number(index + 1, 2), let om = number(index + 4, 2), oh <= 14, om < 60
                else { return nil }
                offset = (time[index] == 45 ? -1 : 1) * (oh * 60 + om)
            }
        }
        date = day
        hour = h
        minute = m
        second = s
        fraction = digits
        offsetMinutes = offset
    }

    /// The ISO text: `2007-10-18T08:00:00+01:00` (UTC as `+00:00`), without suffix when there is no offset.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
        if !fraction.isEmpty { text += "." + fraction }
        if let offset = offsetMinutes {
            text += (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + ":" + two(abs(offset) % 60)
        }
        return text
    }
}

/// A date the bank gives either as a day (`Dt`) or as a moment (`DtTm`).
public enum CAMTDate: Hashable, Sendable {
    /// `Dt`: a calendar day.
    case date(LocalDate)
    /// `DtTm`: a moment on the bank's clock.
    case dateTime(CAMTDateTime)

    /// The calendar day: the day itself, or the moment's day on the bank's own clock.
    public var day: LocalDate {
        switch self {
        case .date(let day): day
        case .dateTime(let moment): moment.date
        }
    }
}
