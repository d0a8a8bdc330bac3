public import Core
public import Store

/// Builds the VAT return from VAT totals per code: pure, so each box rule is tested on constructed totals.
public struct VATReturnBuilder: Sendable {
    /// The boxes of the Dutch return, in order, with their labels.
    public static let layout: [(id: String, label: String, turnover: Bool, vat: Bool)] = [
        ("1a", "Leveringen/diensten belast met hoog tarief", true, true),
        ("1b", "Leveringen/diensten belast met laag tarief", true, true),
        ("1c", "Leveringen/diensten belast met overige tarieven, behalve 0%", true, true),
        ("1d", "Privégebruik", true, true),
        ("1e", "Leveringen/diensten belast met 0% of niet bij u belast", true, false),
        ("2a", "Leveringen/diensten waarbij de omzetbelasting naar u is verlegd", true, true),
        ("3a", "Leveringen naar landen buiten de EU (uitvoer)", true, false),
        ("3b", "Leveringen naar of diensten in landen binnen de EU", true, false),
        ("3c", "Installatie/afstandsverkopen binnen de EU", true, false),
        ("4a", "Leveringen/diensten uit landen buiten de EU", true, true),
        ("4b", "Leveringen/diensten uit landen binnen de EU", true, true),
        ("5a", "Verschuldigde omzetbelasting (rubrieken 1a t/m 4b)", false, true),
        ("5b", "Voorbelasting", false, true),
        ("5c", "Subtotaal (5a min 5b)", false, true),
        ("5d", "Vermindering volgens de kleineondernemersregeling", false, true),
        ("5e", "Schatting vorige aangifte(n)", false, true),
        ("5f", "Schatting deze aangifte", false, true),
        ("5g", "Totaal te betalen / terug te vragen", false, true),
    ]

    public let codes: [String: VATCode]
    public let minorDigits: Int

    public init(codes: [VATCode], currency: CurrencyCode) {
        self.codes = Dictionary(codes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        minorDigits = currency.minorDigits
    }

    /// Whole currency units, rounded down (towards minus infinity) or up.
    func whole(_ amount: Int64, up: Bool) -> Int64 {
        let unit = DecimalNumber.powerOfTen(minorDigits)
        let (q, r) = amount.quotientAndRemainder(dividingBy: unit)
        if r == 0 { return q }
        return up ? (amount > 0 ? q + 1 : q) : (amount < 0 ? q - 1 : q)
    }

    /// The return for `totals` (per code and relation, signed debit positive as posted); `relations` name the
    /// customers of intra-EU supplies.
    public func build(administration: String, currency: CurrencyCode, from: LocalDate, to: LocalDate,
                      totals: [VATTotal], relations: [Relation]) -> VATReturn {
        var turnover: [String: Int64] = [:], vat: [String: Int64] = [:]
        var warnings: [String] = []
        var icp: [String: Int64] = [:]
        for t in totals {
            guard let code = codes[t.code] else {
                warnings.append("VAT code \(t.code) is used in the period but no longer defined; its amounts are left out")
                continue
            }
            switch code.kind {
            case .sales, .exempt:
                // Revenue is a credit: turnover and VAT are shown positive.
                guard let box = code.box else { continue }
                turnover[box, default: 0] -= t.base
                if box != "1e" && !box.hasPrefix("3") { vat[box, default: 0] -= t.vat }
                if box == "3b" { icp[t.relation, default: 0] -= t.base }
            case .reverseCharge:
                // The cost is a debit; the VAT is owed (its box) and deducted again (5b).
                if let box = code.box {
                    turnover[box, default: 0] += t.base
                    vat[box, default: 0] += t.vat
                }
                vat[code.deductibleBox ?? "5b", default: 0] += t.vat
            case .purchase:
                vat[code.deductibleBox ?? code.box ?? "5b", default: 0] += t.vat
            }
        }
        var boxes: [VATReturn.Box] = []
        var output: Int64 = 0, filedOutput: Int64 = 0
        for (id, label, hasTurnover, hasVAT) in Self.layout where id < "5" {
            let t = hasTurnover ? turnover[id] ?? 0 : nil
            let v = hasVAT ? vat[id] ?? 0 : nil
            let filedV = v.map { whole($0, up: false) }
            output += v ?? 0
            filedOutput += filedV ?? 0
            boxes.append(.init(id: id, label: label, turnover: t, vat: v, filedTurnover: t.map { whole($0, up: false) },
                               filedVAT: filedV))
        }
        let input = vat["5b"] ?? 0, filedInput = whole(input, up: true)
        let filed = [("5a", output, filedOutput), ("5b", input, filedInput), ("5c", output - input, filedOutput - filedInput),
                     ("5d", 0, 0), ("5e", 0, 0), ("5f", 0, 0), ("5g", output - input, filedOutput - filedInput)]
        for (id, exact, whole) in filed {
            let label = Self.layout.first { $0.id == id }!.label
            boxes.append(.init(id: id, label: label, turnover: nil, vat: exact, filedTurnover: nil, filedVAT: whole))
        }
        let byNumber = Dictionary(relations.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let listing = icp.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { number, amount in
            let r = byNumber[number]
            let vatNumber = r?.vatNumber
            if vatNumber == nil {
                warnings.append("intra-EU supplies of \(Money.format(amount, digits: minorDigits)) to "
                    + (number.isEmpty ? "no customer" : "\(number) \(r?.name ?? "")") + " carry no customer VAT number; "
                    + "the ICP listing needs one")
            }
            return VATReturn.ICPLine(relation: number, name: r?.name ?? "", vatNumber: vatNumber,
                                     country: vatNumber.map { String($0.prefix(2)) } ?? r?.country, amount: amount)
        }
        return VATReturn(administration: administration, currency: currency, from: from, to: to, boxes: boxes,
                         payable: output - input, filedPayable: filedOutput - filedInput, icp: listing,
                         warnings: warnings)
    }
}
