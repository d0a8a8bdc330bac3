public import Core

/// What one report column is computed from: per account its balance at the column's start and its net movement
/// (debit positive) within it, and the figures entered for the column's months.
public struct ColumnBasis: Sendable {
    public var column: ReportColumn
    public var opening: [String: Int64]
    public var movement: [String: Int64]
    /// Per figure key, the values of the months that have one, in month order.
    public var figures: [String: [DecimalNumber]]

    public init(column: ReportColumn, opening: [String: Int64] = [:], movement: [String: Int64] = [:],
                figures: [String: [DecimalNumber]] = [:]) {
        self.column = column
        self.opening = opening
        self.movement = movement
        self.figures = figures
    }

    /// The account's balance at the column's end.
    public func closing(_ account: String) -> Int64 { (opening[account] ?? 0) + (movement[account] ?? 0) }
}
