import Core

/// What a demo administration leaves undone, so the monitor has something to show, spread unevenly over the
/// administrations by their index (never by the random stream, so the books themselves stay as they were).
struct DemoAttention: Sendable {
    let index: Int
    let enabled: Bool

    /// Its inventory is in the fixed-asset register (depreciated by runs, some of them lagging) instead of by hand.
    var registersInventory: Bool { enabled && index % 3 != 2 }
    /// Depreciation runs stop this many months before the demo's day (0: up to date).
    var depreciationLag: Int { index % 4 == 1 ? 1 + index % 3 : 0 }
    /// The last VAT return before the demo's day is not settled.
    var leavesLastReturnOpen: Bool { enabled && index % 5 == 3 }
    /// Something booked on the suspense account.
    var postsToSuspense: Bool { enabled && index % 4 == 2 }
    /// A budget for the year, off from the actual by this factor (percent), or none.
    var budgetFactor: Int? { enabled && index % 3 == 0 ? [100, 80, 125, 95, 140][index % 5] : nil }
    /// A setting changed by hand, which the reconciler reports as drift.
    var drifts: Bool { enabled && index % 10 == 7 }
    /// Periods are closed this many months after they end.
    var closingLag: Int { enabled ? 1 + index % 4 : 2 }
}
