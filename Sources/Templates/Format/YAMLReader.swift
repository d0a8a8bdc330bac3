import Core
import Yams

/// Reads one YAML file into nodes that remember their line, with typed accessors whose errors name the file,
/// the line and the field. Unknown keys are refused, so a misspelt field is reported rather than ignored.
struct YAMLReader {
    let file: String

    /// A mapping's entries by key, with the line each value starts on.
    struct Map {
        let file: String
        let line: Int
        var entries: [String: (node: Node, line: Int)]

        func has(_ key: String) -> Bool { entries[key] != nil }
    }

    func parse(_ bytes: [UInt8]) throws(TemplateError) -> Node? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TemplateError(file, 0, "the file is not UTF-8 text")
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw TemplateError(file, mark.line, "not valid YAML: \(problem)")
            case let .duplicatedKeysInMapping(duplicates, _):
                throw TemplateError(file, 0, "a key appears twice: \(duplicates.joined(separator: ", "))")
            default:
                throw TemplateError(file, 0, "not valid YAML: \(error)")
            }
        } catch {
            throw TemplateError(file, 0, "not valid YAML: \(error)")
        }
    }

    func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    func map(_ node: Node, _ what: String, known: Set<String>) throws(TemplateError) -> Map {
        guard case .mapping(let mapping) = node else {
            throw TemplateError(file, line(node), "\(what) must be a mapping of fields")
        }
        var entries: [String: (Node, Int)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else { throw TemplateError(file, line(key), "a key must be text") }
            guard known.contains(k.string) else {
                throw TemplateError(file, line(key), "unknown field '\(k.string)' in \(what)",
                                    hint: "known: " + known.sorted().joined(separator: ", "))
            }
            entries[k.string] = (value, line(key))
        }
        return Map(file: file, line: line(node), entries: entries)
    }

    func list(_ node: Node, _ what: String) throws(TemplateError) -> [Node] {
        if case .scalar(let s) = node, s.string.isEmpty || s.tag == Tag(.null) { return [] }
        guard case .sequence(let sequence) = node else {
            throw TemplateError(file, line(node), "\(what) must be a list")
        }
        return Array(sequence)
    }

    func scalar(_ node: Node, _ what: String) throws(TemplateError) -> String {
        guard case .scalar(let s) = node else { throw TemplateError(file, line(node), "\(what) must be a single value") }
        return s.string
    }

    func string(_ m: Map, _ key: String, required: Bool = true) throws(TemplateError) -> String? {
        guard let (node, line) = m.entries[key] else {
            if required { throw TemplateError(file, m.line, "required field '\(key)' is missing") }
            return nil
        }
        let value = try scalar(node, "'\(key)'")
        if value.isEmpty && required { throw TemplateError(file, line, "field '\(key)' is empty") }
        return value.isEmpty ? nil : value
    }

    func int(_ m: Map, _ key: String) throws(TemplateError) -> Int? {
        guard let (node, line) = m.entries[key] else { return nil }
        guard let value = Int(try scalar(node, "'\(key)'")) else {
            throw TemplateError(file, line, "field '\(key)' must be a whole number")
        }
        return value
    }

    func decimal(_ m: Map, _ key: String) throws(TemplateError) -> DecimalNumber? {
        guard let (node, line) = m.entries[key] else { return nil }
        do { return try DecimalNumber(parsing: try scalar(node, "'\(key)'"), field: key) } catch {
            throw TemplateError(file, line, "field '\(key)' must be a number")
        }
    }

    func bool(_ m: Map, _ key: String) throws(TemplateError) -> Bool? {
        guard let (node, line) = m.entries[key] else { return nil }
        switch try scalar(node, "'\(key)'").lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw TemplateError(file, line, "field '\(key)' must be true or false")
        }
    }

    func strings(_ m: Map, _ key: String) throws(TemplateError) -> [String] {
        guard let (node, _) = m.entries[key] else { return [] }
        var result: [String] = []
        for item in try list(node, "'\(key)'") { result.append(try scalar(item, "an item of '\(key)'")) }
        return result
    }

    func ints(_ m: Map, _ key: String) throws(TemplateError) -> [Int] {
        var result: [Int] = []
        for s in try strings(m, key) {
            guard let v = Int(s) else { throw TemplateError(file, m.entries[key]?.line ?? m.line, "'\(key)' must list whole numbers") }
            result.append(v)
        }
        return result
    }

    func date(_ m: Map, _ key: String) throws(TemplateError) -> LocalDate? {
        guard let raw = try string(m, key, required: false) else { return nil }
        do { return try LocalDate(parsing: raw, field: key) } catch {
            throw TemplateError(file, m.entries[key]?.line ?? m.line, "field '\(key)': \(error.message)")
        }
    }

    /// A value of an enumeration, with the allowed values in the error.
    func choice<E: RawRepresentable & CaseIterable>(_ m: Map, _ key: String, _ type: E.Type, required: Bool = true)
        throws(TemplateError) -> E? where E.RawValue == String
    {
        guard let raw = try string(m, key, required: required) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw TemplateError(file, m.entries[key]?.line ?? m.line, "field '\(key)': '\(raw)' is not one of "
                + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}
