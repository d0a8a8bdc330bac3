public import Core
public import Ledger
public import Templates

extension Workspace {
    /// Creates an administration from its cluster's template at the tracked revision (with its overlay, if the
    /// cluster has one for it), and records that revision and configuration as its last-applied state.
    @discardableResult
    public func createAdministration(id: String, name: String, cluster: String, responsible: String? = nil,
                                     openYear year: Int, in set: TemplateSet? = nil) async throws -> AppliedConfiguration {
        let templates = try set ?? templateSet()
        let config: AdministrationConfig
        do { config = try templates.render(cluster: cluster, administration: id) } catch {
            throw LedgerError("invalid-template", error.file, error.description)
        }
        let revision = try self.templates.resolve(settings.branch).hex
        let applied = AppliedConfiguration(cluster: cluster, revision: revision, hash: config.sha256, config: config)
        let admin = Administration(id: id, name: name, currency: config.currency, fiscalYearStart: config.fiscalYearStart,
                                   cluster: cluster, responsible: responsible)
        _ = try await ledger.createAdministration(admin, chart: config.chart, openYear: year, applied: applied)
        return applied
    }
}

extension Workspace {
    /// Creates many administrations from their clusters' templates in one transaction.
    public func createAdministrations(_ specs: [(id: String, name: String, cluster: String)], openYear year: Int,
                                      in set: TemplateSet? = nil) async throws {
        let templates = try set ?? templateSet()
        let revision = try self.templates.resolve(settings.branch).hex
        var rendered: [String: (AdministrationConfig, String)] = [:]
        var items: [(Administration, ChartOfAccounts, AppliedConfiguration?)] = []
        for spec in specs {
            let key = templates.overrides[spec.cluster]?[spec.id] == nil ? spec.cluster : "\(spec.cluster)/\(spec.id)"
            if rendered[key] == nil {
                let base = rendered[spec.cluster]?.0
                let config: AdministrationConfig
                do { config = try templates.render(cluster: spec.cluster, administration: spec.id, rendered: base) } catch {
                    throw LedgerError("invalid-template", error.file, error.description)
                }
                rendered[key] = (config, config.sha256)
                if rendered[spec.cluster] == nil && key == spec.cluster { rendered[spec.cluster] = rendered[key] }
            }
            let (config, hash) = rendered[key]!
            items.append((Administration(id: spec.id, name: spec.name, currency: config.currency,
                                         fiscalYearStart: config.fiscalYearStart, cluster: spec.cluster),
                          config.chart, AppliedConfiguration(cluster: spec.cluster, revision: revision, hash: hash, config: config)))
        }
        try await ledger.createAdministrations(items, openYear: year)
    }
}

extension Workspace {
    /// The demo generator for this workspace: every administration made from its cluster's template at the tracked
    /// revision, its bookings drawn from the rendered base chart.
    public func demoGenerator() throws -> DemoGenerator {
        let templates = try templateSet()
        let chart = try templates.render(template: "base").chart
        return DemoGenerator(ledger: ledger, chart: chart) { admin, year in
            _ = try await self.createAdministration(id: admin.id, name: admin.name, cluster: admin.cluster ?? "mkb",
                                                    responsible: admin.responsible, openYear: year, in: templates)
        }
    }
}
