import Foundation
import Yams

/// A top-down plan as a file: `rows:` of `{account: CODE | line: ID, formula: TEXT, profile: NAME}`.
public enum BudgetPlanFile {
    public static func parse(_ text: String, file: String, version: String, year: Int) throws -> BudgetPlan {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw BudgetingError("\(file): not valid YAML: \(error)") }
        guard let root, case .mapping(let top) = root, let list = top["rows"], case .sequence(let items) = list else {
            throw BudgetingError("\(file): expected `rows:`, a list of {account or line, formula, profile}")
        }
        var rows: [BudgetPlan.Row] = []
        for item in items {
            let line = item.mark?.line ?? 0
            guard case .mapping(let m) = item else { throw BudgetingError("\(file), line \(line): a row must be a mapping") }
            for key in m.keys where !["account", "line", "formula", "profile"].contains(key.string ?? "") {
                throw BudgetingError("\(file), line \(key.mark?.line ?? line): unknown field '\(key.string ?? "")'; "
                    + "known: account, line, formula, profile")
            }
            let account = m["account"]?.string, lineID = m["line"]?.string
            guard (account == nil) != (lineID == nil) else {
                throw BudgetingError("\(file), line \(line): a row budgets either an account or a line")
            }
            guard let formula = m["formula"]?.string, !formula.isEmpty else {
                throw BudgetingError("\(file), line \(line): the row needs a formula (or a plain amount)")
            }
            rows.append(try BudgetPlan.Row(target: account.map { .account($0) } ?? .line(lineID!), formula: formula,
                                           profile: m["profile"]?.string, place: "\(file), line \(line)"))
        }
        return BudgetPlan(version: version, year: year, rows: rows)
    }
}
