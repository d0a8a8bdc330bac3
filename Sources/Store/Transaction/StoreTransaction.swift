import Core
import GRDB

/// Typed reads and writes inside one database transaction. Only valid within the closure it is given to.
public struct StoreTransaction {
    let db: Database

    init(db: Database) { self.db = db }

    func execute(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: arguments)
    }

    func rows(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func row(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    var lastInsertedRowID: Int64 { db.lastInsertedRowID }
    var changes: Int { db.changesCount }
}

extension Row {
    /// A date column's text as a day.
    static func day(_ text: String, _ column: String) throws -> LocalDate {
        do { return try LocalDate(parsing: text, field: column) } catch {
            throw StoreError("the database holds a malformed date in column \(column): '\(text)'")
        }
    }

    func date(_ column: String) throws -> LocalDate {
        let text: String = self[column]
        do { return try LocalDate(parsing: text, field: column) } catch {
            throw StoreError("the database holds a malformed date in column \(column): '\(text)'")
        }
    }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text: String = self[column] else { return nil }
        do { return try LocalDate(parsing: text, field: column) } catch {
            throw StoreError("the database holds a malformed date in column \(column): '\(text)'")
        }
    }

    func decimal(_ column: String) throws -> DecimalNumber? {
        guard let text: String = self[column] else { return nil }
        do { return try DecimalNumber(parsing: text, field: column) } catch {
            throw StoreError("the database holds a malformed number in column \(column): '\(text)'")
        }
    }

    func enumValue<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let text: String = self[column]
        guard let value = E(rawValue: text) else {
            throw StoreError("the database holds an unknown value in column \(column): '\(text)'")
        }
        return value
    }

    func currency(_ column: String) throws -> CurrencyCode? {
        guard let text: String = self[column] else { return nil }
        do { return try CurrencyCode(text) } catch { throw StoreError("malformed currency '\(text)' in \(column)") }
    }
}
