public import Core

/// Matches bank lines to open items, pure and in memory: by a structured reference, by invoice numbers in the
/// description or end-to-end reference (one invoice, several paid together, or part of one), and by the
/// counterparty's IBAN. Each match lowers the items' outstanding amounts, so a later line cannot pay them twice.
/// What fits no rule unambiguously is left to process, with the reason.
public struct BankMatcher: Sendable {
    private var items: [OpenItem]
    private var byKey: [String: [Int]] = [:]
    private var byRelation: [String: [Int]] = [:]
    private var relationsByIBAN: [String: [String]] = [:]
    private let digits: Int

    /// `openItems`: the open ones, and settled ones so that paying a paid invoice is noticed; `relations` give IBANs.
    public init(openItems: [OpenItem], relations: [Relation], currency: CurrencyCode) {
        items = openItems
        digits = currency.minorDigits
        for (i, item) in openItems.enumerated() {
            byKey[InvoiceKey.normalise(item.invoice), default: []].append(i)
            byRelation[item.relation, default: []].append(i)
        }
        for relation in relations {
            guard let iban = relation.iban.map(IBAN.normalise), !iban.isEmpty else { continue }
            relationsByIBAN[iban, default: []].append(relation.number)
        }
    }

    /// Matches lines in date order, each against what the lines before it left open.
    public mutating func match(_ lines: [BankStatementLine]) -> [BankMatchOutcome] {
        lines.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { match($0) }
    }

    /// Matches one line and, when it matches, books its allocations against the items held here.
    public mutating func match(_ line: BankStatementLine) -> BankMatchOutcome {
        let outcome = propose(line)
        accept(outcome)
        return outcome
    }

    /// What `line` would settle, without booking it: a caller that may still fail to post it accepts it after.
    public func propose(_ line: BankStatementLine) -> BankMatchOutcome { decide(line) }

    /// Books a proposed outcome's allocations against the items held here, so later lines see them paid.
    public mutating func accept(_ outcome: BankMatchOutcome) {
        for allocation in outcome.allocations {
            for i in byKey[InvoiceKey.normalise(allocation.invoice)] ?? [] where items[i].id == allocation.openItem {
                items[i].outstanding = allocation.remaining
            }
        }
    }

    private func decide(_ line: BankStatementLine) -> BankMatchOutcome {
        let amount = line.amount.minorUnits
        guard amount != 0 else { return .toProcess(line.id, "the line's amount is zero") }
        if let structured = line.structuredReference, let key = PaymentReference.payload(of: structured),
           let found = byKey[key], !found.isEmpty {
            return settle(line, found, rule: .structuredReference)
        }
        var text = line.description
        if let e2e = line.endToEndID, e2e.uppercased() != "NOTPROVIDED" { text += " " + e2e }
        if let structured = line.structuredReference { text += " " + structured }
        let referenced = Set(InvoiceKey.candidates(in: text).flatMap { byKey[$0] ?? [] })
        if !referenced.isEmpty {
            return settle(line, referenced.sorted(), rule: referenced.count > 1 ? .combinedInvoices : .invoiceNumber)
        }
        return byIBAN(line)
    }

    /// Settles the items a line names: in full when the amounts agree, oldest first when it pays less.
    private func settle(_ line: BankStatementLine, _ indices: [Int], rule: BankMatchRule) -> BankMatchOutcome {
        let amount = line.amount.minorUnits
        let open = indices.filter { items[$0].outstanding != 0 }
        let invoices = indices.map { items[$0].invoice }.sorted().joined(separator: ", ")
        guard !open.isEmpty else {
            return .toProcess(line.id, "it refers to \(invoices), already paid; a second payment or a refund?")
        }
        let total = open.reduce(Int64(0)) { $0 + items[$1].outstanding }
        if total == amount { return .matched(line.id, open.count > 1 ? .combinedInvoices : rule, open.map { full($0) }) }
        guard open.allSatisfy({ (items[$0].outstanding > 0) == (amount > 0) }) else {
            return .toProcess(line.id, "it refers to \(invoices), whose open amounts (\(format(total))) do not fit "
                + "a \(amount > 0 ? "receipt" : "payment") of \(format(amount))")
        }
        guard amount.magnitude < total.magnitude else {
            return .toProcess(line.id, "it pays \(format(amount)) against \(format(total)) open on \(invoices): "
                + "the \(format(amount - total)) over needs a decision")
        }
        guard Set(open.map { items[$0].relation }).count == 1 else {
            return .toProcess(line.id, "it pays part of \(invoices), open with different relations")
        }
        var left = amount
        var allocations: [BankAllocation] = []
        for i in open.sorted(by: { (items[$0].dueDate, items[$0].invoice) < (items[$1].dueDate, items[$1].invoice) }) {
            guard left != 0 else { break }
            let part = left.magnitude < items[i].outstanding.magnitude ? left : items[i].outstanding
            allocations.append(allocation(i, part))
            left -= part
        }
        return .matched(line.id, rule == .structuredReference ? rule : (allocations.count > 1 ? .combinedInvoices : .invoiceNumber),
                        allocations)
    }

    private func byIBAN(_ line: BankStatementLine) -> BankMatchOutcome {
        let amount = line.amount.minorUnits
        guard let iban = line.counterpartyIBAN.map(IBAN.normalise), !iban.isEmpty else {
            return .toProcess(line.id, "no invoice number, structured reference or known IBAN in the line")
        }
        guard let relations = relationsByIBAN[iban] else {
            return .toProcess(line.id, "no invoice number or structured reference, and no relation has IBAN \(iban)")
        }
        let open = relations.flatMap { byRelation[$0] ?? [] }.filter { items[$0].outstanding != 0 }
        let exact = open.filter { items[$0].outstanding == amount }
        if exact.count == 1 { return .matched(line.id, .iban, [full(exact[0])]) }
        if exact.count > 1 {
            return .toProcess(line.id, "\(exact.count) open items of \(relations.joined(separator: ", ")) are "
                + "\(format(amount)) (\(exact.map { items[$0].invoice }.sorted().joined(separator: ", "))); say which")
        }
        if open.count > 1, open.reduce(Int64(0), { $0 + items[$1].outstanding }) == amount {
            return .matched(line.id, .ibanTotal, open.map { full($0) })
        }
        return .toProcess(line.id, "no open item of \(relations.joined(separator: ", ")) (IBAN \(iban)) is "
            + "\(format(amount)), nor do they add up to it")
    }

    private func full(_ i: Int) -> BankAllocation { allocation(i, items[i].outstanding) }

    private func allocation(_ i: Int, _ amount: Int64) -> BankAllocation {
        let item = items[i]
        return BankAllocation(openItem: item.id, relation: item.relation, account: item.account, invoice: item.invoice,
                              amount: amount, remaining: item.outstanding - amount)
    }

    private func format(_ minor: Int64) -> String { Money.formatGrouped(minor, digits: digits) }
}
