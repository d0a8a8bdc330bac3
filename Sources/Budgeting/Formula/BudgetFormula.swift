public import Foundation

/// A budget formula: numbers, `+ - * /`, parentheses, and the functions `actual(YEAR)` (this row's actual amount
/// in a fiscal year), `line(ID)` (another row of the same budget), `budget("VERSION", ACCOUNT)` (an account's year
/// in another version). Exact decimal arithmetic; amounts in currency units, as a report presents them.
public indirect enum BudgetFormula: Sendable, Hashable {
    case number(Decimal)
    case actual(year: Int)
    case line(String)
    case budget(version: String, account: String)
    /// A driver by name (driver models only).
    case variable(String)
    case negate(BudgetFormula)
    case binary(Character, BudgetFormula, BudgetFormula)

    /// What a formula reads while it is evaluated.
    public struct Context {
        public var actual: (Int) throws -> Decimal
        public var line: (String) throws -> Decimal
        public var budget: (String, String) throws -> Decimal
        public var variable: (String) throws -> Decimal

        public init(actual: @escaping (Int) throws -> Decimal = { _ in throw BudgetingError("actual(…) is not available here") },
                    line: @escaping (String) throws -> Decimal = { _ in throw BudgetingError("line(…) is not available here") },
                    budget: @escaping (String, String) throws -> Decimal = { _, _ in
                        throw BudgetingError("budget(…) is not available here") },
                    variable: @escaping (String) throws -> Decimal = { name in
                        throw BudgetingError("'\(name)' is not a function; use actual(YEAR), line(ID) or budget(\"VERSION\", ACCOUNT)") }) {
            self.actual = actual
            self.line = line
            self.budget = budget
            self.variable = variable
        }
    }

    /// The value; `place` names the row in errors (a division by zero).
    public func evaluate(_ context: Context, place: String) throws -> Decimal {
        switch self {
        case .number(let n): return n
        case .actual(let year): return try context.actual(year)
        case .line(let id): return try context.line(id)
        case .budget(let version, let account): return try context.budget(version, account)
        case .variable(let name): return try context.variable(name)
        case .negate(let f): return -(try f.evaluate(context, place: place))
        case .binary(let op, let a, let b):
            let x = try a.evaluate(context, place: place), y = try b.evaluate(context, place: place)
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default:
                guard !y.isZero else { throw BudgetingError("\(place): division by zero") }
                return x / y
            }
        }
    }

    /// Parses `text`; errors name `place` and the position.
    public static func parse(_ text: String, place: String) throws(BudgetingError) -> BudgetFormula {
        var parser = FormulaParser(text: Array(text), place: place)
        let formula = try parser.expression()
        parser.skipSpaces()
        guard parser.index == parser.text.count else { throw parser.error("unexpected '\(parser.text[parser.index])'") }
        return formula
    }
}

private struct FormulaParser {
    let text: [Character]
    let place: String
    var index = 0

    func error(_ what: String) -> BudgetingError {
        BudgetingError("\(place): \(what) at position \(index + 1) of '\(String(text))'")
    }

    mutating func skipSpaces() { while index < text.count && text[index] == " " { index += 1 } }

    mutating func expression() throws(BudgetingError) -> BudgetFormula {
        var left = try term()
        while true {
            skipSpaces()
            guard index < text.count, text[index] == "+" || text[index] == "-" else { return left }
            let op = text[index]
            index += 1
            left = .binary(op, left, try term())
        }
    }

    mutating func term() throws(BudgetingError) -> BudgetFormula {
        var left = try factor()
        while true {
            skipSpaces()
            guard index < text.count, text[index] == "*" || text[index] == "/" else { return left }
            let op = text[index]
            index += 1
            left = .binary(op, left, try factor())
        }
    }

    mutating func factor() throws(BudgetingError) -> BudgetFormula {
        skipSpaces()
        guard index < text.count else { throw error("a number, a function or '(' is missing") }
        let c = text[index]
        if c == "-" {
            index += 1
            return .negate(try factor())
        }
        if c == "(" {
            index += 1
            let inner = try expression()
            skipSpaces()
            guard index < text.count, text[index] == ")" else { throw error("')' is missing") }
            index += 1
            return inner
        }
        if c.isNumber || c == "." {
            let start = index
            while index < text.count && (text[index].isNumber || text[index] == ".") { index += 1 }
            guard let value = Decimal(string: String(text[start..<index]), locale: Locale(identifier: "en_US_POSIX")),
                  text[start..<index].filter({ $0 == "." }).count <= 1
            else { throw error("'\(String(text[start..<index]))' is not a number") }
            return .number(value)
        }
        guard c.isLetter else { throw error("unexpected '\(c)'") }
        let start = index
        while index < text.count && (text[index].isLetter || text[index].isNumber || text[index] == "_") { index += 1 }
        let name = String(text[start..<index])
        skipSpaces()
        guard index < text.count, text[index] == "(" else { return .variable(name) }
        index += 1
        var arguments: [String] = []
        while true {
            skipSpaces()
            guard index < text.count else { throw error("')' is missing") }
            if text[index] == ")" { index += 1; break }
            if !arguments.isEmpty {
                guard text[index] == "," else { throw error("',' or ')' expected") }
                index += 1
                skipSpaces()
            }
            arguments.append(try argument())
        }
        switch (name, arguments.count) {
        case ("actual", 1):
            guard let year = Int(arguments[0]), (1900...2999).contains(year) else {
                throw error("actual(YEAR) needs a year, not '\(arguments[0])'")
            }
            return .actual(year: year)
        case ("line", 1): return .line(arguments[0])
        case ("budget", 2): return .budget(version: arguments[0], account: arguments[1])
        case ("actual", _), ("line", _), ("budget", _):
            throw error("\(name)(…) takes \(name == "budget" ? "two arguments" : "one argument"), not \(arguments.count)")
        default:
            throw error("unknown function '\(name)'; use actual(YEAR), line(ID) or budget(\"VERSION\", ACCOUNT)")
        }
    }

    /// A quoted string, or a bare word (an id, a year, an account code).
    mutating func argument() throws(BudgetingError) -> String {
        if text[index] == "\"" {
            let start = index + 1
            index += 1
            while index < text.count && text[index] != "\"" { index += 1 }
            guard index < text.count else { throw error("a closing '\"' is missing") }
            index += 1
            return String(text[start..<(index - 1)])
        }
        let start = index
        while index < text.count && !" ,)".contains(text[index]) { index += 1 }
        guard start < index else { throw error("an argument is missing") }
        return String(text[start..<index])
    }
}
