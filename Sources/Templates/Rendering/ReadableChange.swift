/// One change as a reviewer reads it: what changed (`line revenue: label`, `validTo`), its old and new text.
public struct ReadableChange: Hashable, Sendable {
    public var what: String
    /// Nil when the value is absent on that side.
    public var old: String?
    public var new: String?

    public init(what: String, old: String?, new: String?) {
        self.what = what
        self.old = old
        self.new = new
    }

    /// `line revenue: label "Omzet" → "Netto-omzet"`; an absent side reads `—`.
    public var text: String { "\(what): \(old ?? "—") → \(new ?? "—")" }

    /// The readable changes of one configuration field (see `ConfigurationFields`). A changed report line or
    /// widget shows only the parts that changed; a changed order shows where the sequences differ.
    public static func of(field: String, old: String?, new: String?) -> [ReadableChange] {
        guard let old, let new, old != new else {
            return old == new ? [] : [ReadableChange(what: field, old: old, new: new)]
        }
        if ConfigurationFields.isPart(field), let a = parts(old), let b = parts(new) {
            let names = a.map(\.name) + b.map(\.name).filter { n in !a.contains { $0.name == n } }
            let changes = names.compactMap { name -> ReadableChange? in
                let x = a.first { $0.name == name }?.value, y = b.first { $0.name == name }?.value
                return x == y ? nil : ReadableChange(what: "\(field): \(name)", old: x, new: y)
            }
            if !changes.isEmpty { return changes }
        }
        if field == "order" { return [orderChange(old, new)] }
        return [ReadableChange(what: field, old: old, new: new)]
    }

    /// A line's or widget's named parts, or nil when a name repeats (then the whole text is shown).
    static func parts(_ text: String) -> [(name: String, value: String)]? {
        var result: [(name: String, value: String)] = []
        for piece in split(text, on: ConfigurationFields.separator) {
            let name = piece.prefix { $0 != " " }
            let value = piece.dropFirst(name.count).drop { $0 == " " }
            guard !result.contains(where: { $0.name == name }) else { return nil }
            result.append((String(name), String(value)))
        }
        return result
    }

    /// Splits on `separator` outside quoted text (quotes escape with a backslash).
    static func split(_ text: String, on separator: String) -> [String] {
        var pieces: [String] = [], current = "", quoted = false, escaped = false
        var rest = Substring(text)
        while let c = rest.first {
            if !quoted && rest.hasPrefix(separator) {
                pieces.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
                continue
            }
            if escaped {
                escaped = false
            } else if c == "\\" && quoted {
                escaped = true
            } else if c == "\"" {
                quoted.toggle()
            }
            current.append(c)
            rest = rest.dropFirst()
        }
        pieces.append(current)
        return pieces
    }

    /// An order change narrowed to where the sequences differ, with one neighbour each side for context.
    static func orderChange(_ old: String, _ new: String) -> ReadableChange {
        let a = split(old, on: ", "), b = split(new, on: ", ")
        var prefix = 0
        while prefix < min(a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let from = max(prefix - 1, 0)
        func window(_ s: [String]) -> String {
            let upTo = min(s.count - suffix + 1, s.count)
            return (from > 0 ? "… " : "") + s[from..<upTo].joined(separator: ", ") + (upTo < s.count ? " …" : "")
        }
        return ReadableChange(what: "order", old: window(a), new: window(b))
    }
}
