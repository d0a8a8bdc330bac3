/// A formula over report lines: line ids joined by `+` and `-`, with parentheses and a leading minus.
/// Ids may hold dashes (`cost-of-sales`), so operators stand apart with spaces.
indirect enum LineFormula: Sendable, Equatable {
    case line(String)
    case negate(LineFormula)
    case add(LineFormula, LineFormula)
    case subtract(LineFormula, LineFormula)

    static func parse(_ text: String, line: String, layout: String) throws(ReportingError) -> LineFormula {
        let tokens = text.replacingOccurrences(of: "(", with: " ( ").replacingOccurrences(of: ")", with: " ) ")
            .split(separator: " ").map(String.init)
        var position = 0
        func fail(_ why: String) -> ReportingError {
            ReportingError("formula", "report \(layout), line '\(line)': formula '\(text)' \(why)")
        }
        func term() throws(ReportingError) -> LineFormula {
            guard position < tokens.count else { throw fail("ends where a line id was expected") }
            let token = tokens[position]
            position += 1
            switch token {
            case "-": return .negate(try term())
            case "+", ")": throw fail("has '\(token)' where a line id was expected")
            case "(":
                let inner = try expression()
                guard position < tokens.count, tokens[position] == ")" else { throw fail("misses a closing parenthesis") }
                position += 1
                return inner
            default: return .line(token)
            }
        }
        func expression() throws(ReportingError) -> LineFormula {
            var result = try term()
            while position < tokens.count, tokens[position] == "+" || tokens[position] == "-" {
                let op = tokens[position]
                position += 1
                let right = try term()
                result = op == "+" ? .add(result, right) : .subtract(result, right)
            }
            return result
        }
        let formula = try expression()
        guard position == tokens.count else { throw fail("has '\(tokens[position])' where + or - was expected") }
        return formula
    }

    /// The ids the formula refers to.
    var references: [String] {
        switch self {
        case .line(let id): [id]
        case .negate(let f): f.references
        case .add(let a, let b), .subtract(let a, let b): a.references + b.references
        }
    }

    /// The formula's value, given each line's; nil when any line has none.
    func evaluate(_ value: (String) throws(ReportingError) -> Int64?) throws(ReportingError) -> Int64? {
        switch self {
        case .line(let id): return try value(id)
        case .negate(let f): return try f.evaluate(value).map { -$0 }
        case .add(let a, let b):
            guard let x = try a.evaluate(value), let y = try b.evaluate(value) else { return nil }
            return x + y
        case .subtract(let a, let b):
            guard let x = try a.evaluate(value), let y = try b.evaluate(value) else { return nil }
            return x - y
        }
    }
}
