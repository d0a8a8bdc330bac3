import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops period`: close, reopen or lock a period.
struct PeriodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close, reopen or lock a period (YYYY-MM; 00 opening, 13 closing).")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case close, reopen, lock
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "close, reopen or lock.") var action: Action
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Period as YYYY-PP, e.g. 2026-03.") var period: String

    func run() async throws {
        try await face {
                try await global.authorize(.accountant)
            let parts = period.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (0...13).contains(number) else {
                throw LedgerError("invalid-field", "period", "'\(period)' is not a period (write YYYY-PP, e.g. 2026-03)")
            }
            let state: PeriodState = switch action {
            case .close: .closed
            case .reopen: .open
            case .lock: .locked
            }
            try await global.openWorkspace().ledger.setPeriod(state, year: year, period: number, in: admin)
            print("Period \(period) of \(admin) is now \(state.rawValue)")
        }
    }
}
