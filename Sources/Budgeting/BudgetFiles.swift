import Core
import Foundation
import Yams

/// The budget files of the template repository other than driver models.
enum BudgetFiles {
    /// `budgets/profiles.yaml`: `profiles:` mapping names to twelve weights.
    static func profiles(_ text: String, file: String) throws -> [String: SeasonalityProfile] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw BudgetingError("\(file): not valid YAML: \(error)") }
        guard let root, case .mapping(let top) = root, let node = top["profiles"], case .mapping(let entries) = node else {
            throw BudgetingError("\(file): expected `profiles:` mapping names to twelve weights")
        }
        var result: [String: SeasonalityProfile] = [:]
        for (key, value) in entries {
            let name = key.string ?? ""
            let line = (value.mark?.line ?? 0)
            guard case .sequence(let weights) = value else {
                throw BudgetingError("\(file), line \(line): profile \(name) must be a list of twelve weights")
            }
            var parsed: [DecimalNumber] = []
            for w in weights {
                guard let text = w.string, let number = try? DecimalNumber(parsing: text, field: name) else {
                    throw BudgetingError("\(file), line \(w.mark?.line ?? line): profile \(name): '\(w.string ?? "")' is not a number")
                }
                parsed.append(number)
            }
            do { result[name] = try SeasonalityProfile(name: name, weights: parsed) } catch {
                throw BudgetingError("\(file), line \(line): \(error.message)")
            }
        }
        return result
    }
}
