public import Core

/// The Dutch VAT return (aangifte omzetbelasting) over whole months: boxes 1a–5g from the VAT codes' box mapping,
/// exact and as filed in whole euros, and the ICP listing of intra-EU supplies per customer VAT number.
public struct VATReturn: Sendable, Codable, Equatable {
    /// One box: its turnover (omzet) and VAT, exact in minor units, and as filed in whole currency units (euros).
    public struct Box: Sendable, Codable, Equatable {
        public var id: String
        public var label: String
        public var turnover: Int64?
        public var vat: Int64?
        public var filedTurnover: Int64?
        public var filedVAT: Int64?

        public init(id: String, label: String, turnover: Int64?, vat: Int64?, filedTurnover: Int64?, filedVAT: Int64?) {
            self.id = id
            self.label = label
            self.turnover = turnover
            self.vat = vat
            self.filedTurnover = filedTurnover
            self.filedVAT = filedVAT
        }
    }

    /// One customer's intra-EU supplies (box 3b) in the period.
    public struct ICPLine: Sendable, Codable, Equatable {
        public var relation: String
        public var name: String
        public var vatNumber: String?
        public var country: String?
        public var amount: Int64

        public init(relation: String, name: String, vatNumber: String?, country: String?, amount: Int64) {
            self.relation = relation
            self.name = name
            self.vatNumber = vatNumber
            self.country = country
            self.amount = amount
        }
    }

    public var administration: String
    public var currency: CurrencyCode
    public var from: LocalDate
    public var to: LocalDate
    public var boxes: [Box]
    /// Exact VAT payable (positive) or refundable (negative): 5a − 5b.
    public var payable: Int64
    /// As filed, in whole currency units: from the whole-unit boxes (output VAT rounded down, input VAT rounded up, in the filer's favour).
    public var filedPayable: Int64
    public var icp: [ICPLine]
    /// Things to fix before filing (an ICP supply to a customer without a VAT number, a code without a box).
    public var warnings: [String]

    /// The box with this id.
    public func box(_ id: String) -> Box? { boxes.first { $0.id == id } }
}
