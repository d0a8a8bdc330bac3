public import Core
public import Reporting

/// A group consolidated over a range: the snapshots at its start and end, and the statements made from them.
public struct Consolidation: Sendable {
    public var group: GroupDefinition
    /// The reviewed revision of the template repository the group's definition was read at.
    public var revision: String
    public var from: LocalDate
    public var to: LocalDate
    public var opening: ConsolidatedSnapshot
    public var closing: ConsolidatedSnapshot
    /// Per column key, what to call it (an administration's name, "Translation", "Eliminations", "Total").
    public var columnNames: [String: String]
    /// The group chart, with the consolidation accounts it was given.
    public var chart: [Account]
    /// Balance sheet, profit and loss, cash flow — one value per column of `closing`.
    public var reports: [Report]
    /// The range's result attributable to non-controlling interests, and to the parent's owners.
    public var nonControllingResult: Int64
    public var ownersResult: Int64

    public var columns: [String] { closing.columns }
}
