public import Core

/// What posting rules need to know about an administration, loaded once per transaction.
public struct PostingContext: Sendable {
    public var administration: Administration
    public var calendar: FiscalCalendar
    public var accounts: [String: Account]
    public var journals: [String: Journal]
    public var vatCodes: [String: VATCode]
    public var costCentres: [String: CostCentre]
    /// Relations by number; may hold only those the entries name.
    public var relations: [String: Relation]
    /// Periods by (year, number).
    public var periods: [PeriodKey: Period]

    public struct PeriodKey: Hashable, Sendable {
        public var year: Int
        public var number: Int

        public init(year: Int, number: Int) {
            self.year = year
            self.number = number
        }
    }

    public init(administration: Administration, accounts: [Account], journals: [Journal], vatCodes: [VATCode],
                costCentres: [CostCentre], relations: [Relation], periods: [Period]) throws(CoreError) {
        self.administration = administration
        self.calendar = try FiscalCalendar(startMonth: administration.fiscalYearStart)
        self.accounts = Dictionary(accounts.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.journals = Dictionary(journals.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.vatCodes = Dictionary(vatCodes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.costCentres = Dictionary(costCentres.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.relations = Dictionary(relations.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        self.periods = Dictionary(periods.map { (PeriodKey(year: $0.year, number: $0.number), $0) },
                                  uniquingKeysWith: { a, _ in a })
    }

    /// The period an entry of this kind on this date falls in.
    public func periodKey(for date: LocalDate, kind: EntryKind) -> PeriodKey {
        let year = calendar.fiscalYear(containing: date)
        switch kind {
        case .opening: return PeriodKey(year: year, number: Period.opening)
        case .closing: return PeriodKey(year: year, number: Period.closing)
        case .standard, .reversal: return PeriodKey(year: year, number: calendar.periodNumber(containing: date))
        }
    }
}
