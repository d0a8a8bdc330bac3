/// The five kinds of GL account.
public enum AccountType: String, Sendable, Codable, CaseIterable {
    case asset, liability, equity, revenue, expense

    /// Balance-sheet accounts carry their balance into the next year; the others close into equity.
    public var isBalanceSheet: Bool { self == .asset || self == .liability || self == .equity }
}

/// The side on which an account's balance normally stands.
public enum NormalSide: String, Sendable, Codable, CaseIterable {
    case debit, credit
}

/// The role an account plays for the ledger's own rules (relations required, year-end closing, VAT…).
public enum ControlRole: String, Sendable, Codable, CaseIterable {
    case bank, cash, receivables, payables
    case vatPayableHigh = "vat-payable-high", vatPayableLow = "vat-payable-low"
    case vatPayableOther = "vat-payable-other", vatPrivateUse = "vat-private-use"
    case vatReverseCharge = "vat-reverse-charge", vatReceivable = "vat-receivable"
    case vatSettlement = "vat-settlement", suspense
    case retainedEarnings = "retained-earnings", currentYearResult = "current-year-result"
    case exchangeDifferences = "exchange-differences", rounding
    case netWages = "net-wages", payrollTax = "payroll-tax"

    /// Lines on these accounts must name a relation and build open items.
    public var needsRelation: Bool { self == .receivables || self == .payables }

    /// Roles every chart must fill so the ledger and its reports work.
    public static let required: [ControlRole] = [
        .bank, .cash, .receivables, .payables, .vatPayableHigh, .vatPayableLow, .vatReceivable,
        .suspense, .retainedEarnings, .currentYearResult,
    ]
}

/// A general-ledger account of one administration.
public struct Account: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var type: AccountType
    public var normalSide: NormalSide
    public var rgsCode: String?
    public var vatCode: String?
    public var control: ControlRole?
    public var active: Bool
    /// In a template: the code this account had before it was renumbered (its history moves along).
    public var renamedFrom: String?

    public init(
        code: String, name: String, type: AccountType, normalSide: NormalSide, rgsCode: String? = nil,
        vatCode: String? = nil, control: ControlRole? = nil, active: Bool = true, renamedFrom: String? = nil
    ) {
        self.renamedFrom = renamedFrom
        self.code = code
        self.name = name
        self.type = type
        self.normalSide = normalSide
        self.rgsCode = rgsCode
        self.vatCode = vatCode
        self.control = control
        self.active = active
    }
}
