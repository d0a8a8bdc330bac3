import Core

extension TemplateSet {
    /// Problems of the group files: their chart template, sub-groups (existing, no cycles), mapping rows,
    /// translation overrides and consolidation accounts against the group chart.
    func validateGroups(rendered: [String: AdministrationConfig]) -> [TemplateError] {
        var problems: [TemplateError] = []
        for group in groups.values.sorted(by: { $0.name < $1.name }) {
            let file = "groups/\(group.name).yaml"
            for member in group.members {
                if case .group(let name) = member.entity {
                    if groups[name] == nil {
                        problems.append(TemplateError(file, 0, "member group '\(name)' has no groups/\(name).yaml",
                                                      hint: "known: " + groups.keys.sorted().joined(separator: ", ")))
                    } else if contains(name, group.name) {
                        problems.append(TemplateError(file, 0, "group '\(name)' contains \(group.name) again: groups cannot nest in a circle"))
                    }
                }
            }
            guard let chart = rendered[group.chart] else {
                if templates[group.chart] == nil {
                    problems.append(TemplateError(file, 0, "the chart template '\(group.chart)' does not exist",
                                                  hint: "known: " + templates.keys.sorted().joined(separator: ", ")))
                }
                continue
            }
            let accounts: [Account]
            do { accounts = try group.consolidationChart(chart.accounts).accounts } catch {
                problems.append(TemplateError(file, 0, error.message))
                continue
            }
            let codes = Set(accounts.map(\.code))
            for row in group.mapping where !codes.contains(row.groupAccount) {
                problems.append(TemplateError(file, 0, "mapping of \(row.administration) \(row.account): group account "
                    + "\(row.groupAccount) is not in the chart of template \(group.chart)"))
            }
            for account in group.translation.keys.sorted() where !codes.contains(account) {
                problems.append(TemplateError(file, 0, "translation: account \(account) is not in the chart of template \(group.chart)"))
            }
            for profit in group.unrealisedProfits {
                for account in [profit.inventoryAccount, profit.costAccount] where !codes.contains(account) {
                    problems.append(TemplateError(file, 0, "unrealised profit \(profit.year)-\(profit.month): account "
                        + "\(account) is not in the chart of template \(group.chart)"))
                }
            }
        }
        return problems
    }

    /// Whether `group` reaches `target` through its member groups.
    private func contains(_ group: String, _ target: String, seen: Set<String> = []) -> Bool {
        guard !seen.contains(group), let definition = groups[group] else { return false }
        for member in definition.members {
            guard case .group(let name) = member.entity else { continue }
            if name == target || contains(name, target, seen: seen.union([group])) { return true }
        }
        return false
    }
}
