public import Core
import Ledger
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
