/// A tag and its text as read from the file: continuation lines joined with newlines, blank lines left out.
public struct MT940Field: Hashable, Sendable {
    /// The tag without its colons: `20`, `28C`, `61`, `NS`.
    public var tag: String
    /// The text after the tag, trailing spaces of each line and surrounding whitespace removed.
    public var value: String
    /// The 1-based line the tag is on.
    public var line: Int
    /// The 1-based line of the field's last continuation line.
    var lastLine: Int

    init(tag: String, value: String, line: Int, lastLine: Int) {
        self.tag = tag
        self.value = value
        self.line = line
        self.lastLine = lastLine
    }

    /// How the field is named in messages: the tag and what it holds (`:61: statement line`).
    var title: String { Self.title(of: tag) }

    static func title(of tag: String) -> String {
        let name: String? = switch tag {
        case "20": "transaction reference"
        case "21": "related reference"
        case "25": "account identification"
        case "28", "28C": "statement number"
        case "60F", "60": "opening balance"
        case "60M": "intermediate opening balance"
        case "61": "statement line"
        case "62F", "62": "closing balance"
        case "62M": "intermediate closing balance"
        case "64": "available balance"
        case "65": "forward available balance"
        case "86": "information to account owner"
        default: nil
        }
        return name.map { ":\(tag): \($0)" } ?? ":\(tag):"
    }
}
