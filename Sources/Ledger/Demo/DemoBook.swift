import Core
import Foundation

/// One demo administration's year: its relations, cost centres and entries in date order.
struct DemoBook {
    var administration: Administration
    var relations: [Relation] = []
    var costCentres: [CostCentre] = []
    var entries: [EntryDraft] = []
    var unprocessedBankLines: [BankStatementLine] = []
    /// Receipts the year did not book (after `through`): the invoices they pay are still open.
    private var unpaid: [EntryLineDraft] = []

    private let accounts: DemoAccounts
    private let year: Int
    private let through: LocalDate
    private var vatHigh: Int64 = 0, vatLow: Int64 = 0, vatInput: Int64 = 0
    private var invoiceNumber = 0

    private let volume: Int
    private var purchaseInvoices: Set<String> = []
    /// The attention this administration gets in the monitor (what it leaves undone).
    let attention: DemoAttention

    init(id: String, cluster: String, year: Int, through: LocalDate, volume: Int = 1, accounts: DemoAccounts,
         attention: DemoAttention = DemoAttention(index: 0, enabled: false), rng: inout SeededGenerator) {
        self.volume = volume
        self.attention = attention
        self.accounts = accounts
        self.year = year
        self.through = through
        let name = "\(rng.pick(DemoNames.trades[cluster] ?? DemoNames.trades["mkb"]!)) "
            + "\(rng.pick(DemoNames.surnames)) \(rng.pick(DemoNames.legalForms))"
        administration = Administration(id: id, name: name.trimmingCharacters(in: .whitespaces), currency: .eur,
                                        fiscalYearStart: 1, cluster: cluster,
                                        responsible: rng.pick(DemoNames.accountants))
        makeRelations(&rng)
        costCentres = (1...rng.int(2...4)).map { CostCentre(code: "KP\($0)", name: ["Winkel", "Projecten", "Service", "Webshop"][$0 - 1]) }
        makeYear(&rng)
    }

    // MARK: - Relations

    private mutating func makeRelations(_ rng: inout SeededGenerator) {
        for i in 1...rng.int(12...25) {
            relations.append(relation("D\(String(format4: i))", kind: .customer, &rng))
        }
        for i in 1...rng.int(8...15) {
            relations.append(relation("C\(String(format4: i))", kind: .supplier, &rng))
        }
        for (i, supplier) in DemoNames.foreignSuppliers.enumerated() {
            relations.append(Relation(number: "CF\(i + 1)", name: supplier.0, kind: .supplier, country: supplier.1,
                                      paymentTermDays: 30, invoiceDelivery: .email))
        }
    }

    private func relation(_ number: String, kind: RelationKind, _ rng: inout SeededGenerator) -> Relation {
        let surname = rng.pick(DemoNames.surnames)
        let trade = rng.pick(DemoNames.trades.values.flatMap { $0 })
        let (city, postcode) = rng.pick(DemoNames.cities)
        let first = rng.pick(DemoNames.firstNames)
        let hasIBAN = rng.chance(90), hasVAT = rng.chance(85)
        return Relation(
            number: number, name: "\(trade) \(surname)", kind: kind,
            address: "\(rng.pick(DemoNames.streets)) \(rng.int(1...180))",
            postalCode: "\(postcode)\(rng.int(10...99)) \(["AB", "CD", "GH", "KL", "PR"][rng.int(0...4)])", city: city,
            country: "NL",
            contact: ContactPerson(name: "\(first) \(surname)",
                                   email: "\(first.lowercased())@\(surname.lowercased().replacingOccurrences(of: " ", with: "")).nl"),
            iban: hasIBAN ? Self.iban(bank: rng.pick(DemoNames.banks), account: UInt64(rng.int(100_000_000...999_999_999))) : nil,
            vatNumber: hasVAT ? "NL\(rng.int(100_000_000...999_999_999))B0\(rng.int(1...9))" : nil,
            chamberOfCommerce: String(rng.int(10_000_000...99_999_999)),
            paymentTermDays: rng.pick([14, 30, 30, 30, 60]),
            invoiceDelivery: rng.pick([.email, .email, .email, .peppol, .post, .portal]))
    }

    /// A Dutch IBAN with correct ISO 7064 check digits.
    static func iban(bank: String, account: UInt64) -> String {
        let bban = bank + "0" + String(account)
        let digits = (bban + "NL00").map { c -> String in
            c.isLetter ? String(Int(c.asciiValue! - 55)) : String(c)
        }.joined()
        var remainder = 0
        for c in digits { remainder = (remainder * 10 + Int(String(c))!) % 97 }
        let check = 98 - remainder
        return "NL" + (check < 10 ? "0" : "") + String(check) + bban
    }

    // MARK: - The year

    private func date(_ month: Int, _ day: Int) -> LocalDate {
        let first = try! LocalDate(year: year, month: month, day: 1)
        return first.adding(days: min(day, LocalDate.daysIn(month: month, year: year)) - 1)
    }

    @discardableResult
    private mutating func add(_ journal: String, _ date: LocalDate, _ description: String,
                              _ lines: [EntryLineDraft], kind: EntryKind = .standard) -> Bool {
        guard date <= through else { return false }
        entries.append(EntryDraft(journal: journal, date: date, description: description, source: "demo",
                                  reference: "\(administration.id)-\(entries.count + 1)", kind: kind, lines: lines))
        return true
    }

    private mutating func makeYear(_ rng: inout SeededGenerator) {
        let a = accounts
        let capital = Int64(rng.int(10_000...60_000)) * 100
        add("BEG", date(1, 1), "Beginbalans \(year)", [
            EntryLineDraft(account: a.bank, amount: capital),
            EntryLineDraft(account: a.equity, amount: -capital),
        ], kind: .opening)
        let inventory = Int64(rng.int(3_000...15_000)) * 100
        let inventoryVAT = inventory * 21 / 100
        let supplier = relations.first { $0.kind == .supplier }!.number
        let boughtInventory = add("IK", date(1, 5), "Inventaris", [
            EntryLineDraft(account: a.inventory, amount: inventory, vatCode: "I21", vatAmount: inventoryVAT),
            EntryLineDraft(account: a.vatReceivable, amount: inventoryVAT),
            EntryLineDraft(account: a.payables, amount: -(inventory + inventoryVAT), relation: supplier,
                           invoice: "INV-\(year)-001"),
        ])
        if boughtInventory { vatInput += inventoryVAT }
        add("BNK", date(2, 1), "Betaling inventaris", [
            EntryLineDraft(account: a.payables, amount: inventory + inventoryVAT, relation: supplier, invoice: "INV-\(year)-001"),
            EntryLineDraft(account: a.bank, amount: -(inventory + inventoryVAT)),
        ])
        let customers = relations.filter { $0.kind == .customer }
        let suppliers = relations.filter { $0.kind == .supplier && $0.country == "NL" }
        let grossWages = Int64(rng.int(4_000...18_000)) * 100
        var pending: [(LocalDate, EntryDraft)] = []
        for month in 1...12 {
            // Sales invoices, and their payments (in full, in two parts, or not yet).
            for _ in 0..<(rng.int(8...20) * volume) {
                let customer = rng.pick(customers)
                let day = date(month, rng.int(1...28))
                let net = Int64(rng.int(80...4_000)) * 100 + Int64(rng.int(0...99))
                let low = rng.chance(20)
                let vat = net * (low ? 9 : 21) / 100 + ((net * (low ? 9 : 21)) % 100 >= 50 ? 1 : 0)
                invoiceNumber += 1
                let invoice = "VF\(year)-\(String(format4: invoiceNumber))"
                let centre = rng.chance(60) ? rng.pick(costCentres).code : nil
                let booked = add("VK", day, "Factuur \(invoice) \(customer.name)", [
                    EntryLineDraft(account: a.receivables, amount: net + vat, relation: customer.number, invoice: invoice,
                                   dueDate: day.adding(days: customer.paymentTermDays)),
                    EntryLineDraft(account: low ? a.revenueLow : a.revenueHigh, amount: -net, vatCode: low ? "V9" : "V21",
                                   vatAmount: -vat, costCentre: centre),
                    EntryLineDraft(account: low ? a.vatLow : a.vatHigh, amount: -vat),
                ])
                guard booked else { continue }
                if low { vatLow += vat } else { vatHigh += vat }
                let gross = net + vat
                let paidOn = day.adding(days: customer.paymentTermDays + rng.int(-10...25))
                switch rng.int(1...100) {
                case 1...70: pending.append((paidOn, receipt(customer, invoice, gross, paidOn)))
                case 71...85:
                    let part = gross * Int64(rng.int(30...70)) / 100
                    pending.append((paidOn, receipt(customer, invoice, part, paidOn)))
                    let later = paidOn.adding(days: rng.int(20...60))
                    pending.append((later, receipt(customer, invoice, gross - part, later)))
                default: break
                }
            }
            // Purchase invoices, mostly paid on time.
            for _ in 0..<(rng.int(5...12) * volume) {
                let supplier = rng.pick(suppliers)
                let day = date(month, rng.int(1...28))
                let net = Int64(rng.int(20...2_500)) * 100 + Int64(rng.int(0...99))
                let vat = net * 21 / 100 + ((net * 21) % 100 >= 50 ? 1 : 0)
                let invoice = "\(supplier.number)-\(year)-\(rng.int(1...999_999))"
                guard purchaseInvoices.insert(invoice).inserted else { continue }
                let booked = add("IK", day, "Inkoopfactuur \(invoice) \(supplier.name)", [
                    EntryLineDraft(account: rng.pick(a.expenses), amount: net, vatCode: "I21", vatAmount: vat,
                                   costCentre: rng.chance(30) ? rng.pick(costCentres).code : nil),
                    EntryLineDraft(account: a.vatReceivable, amount: vat),
                    EntryLineDraft(account: a.payables, amount: -(net + vat), relation: supplier.number, invoice: invoice,
                                   dueDate: day.adding(days: supplier.paymentTermDays)),
                ])
                guard booked else { continue }
                vatInput += vat
                if rng.chance(90) {
                    let paidOn = day.adding(days: supplier.paymentTermDays - rng.int(0...7))
                    pending.append((paidOn, EntryDraft(journal: "BNK", date: paidOn, description: "Betaling \(invoice)",
                        lines: [EntryLineDraft(account: a.payables, amount: net + vat, relation: supplier.number, invoice: invoice),
                                EntryLineDraft(account: a.bank, amount: -(net + vat))])))
                }
            }
            // Payroll on the 25th; net wages paid the same day, payroll tax the month after.
            let tax = grossWages * Int64(rng.int(28...34)) / 100
            let social = grossWages * 8 / 100
            add("LON", date(month, 25), "Loonjournaal \(month)/\(year)", [
                EntryLineDraft(account: a.wages, amount: grossWages),
                EntryLineDraft(account: a.social, amount: social),
                EntryLineDraft(account: a.payrollTax, amount: -(tax + social)),
                EntryLineDraft(account: a.netWages, amount: -(grossWages - tax)),
            ])
            add("BNK", date(month, 25), "Nettolonen \(month)/\(year)", [
                EntryLineDraft(account: a.netWages, amount: grossWages - tax),
                EntryLineDraft(account: a.bank, amount: -(grossWages - tax)),
            ])
            let taxDay = date(month, 28).adding(days: 30)
            pending.append((taxDay, EntryDraft(journal: "BNK", date: taxDay, description: "Loonheffing \(month)/\(year)",
                lines: [EntryLineDraft(account: a.payrollTax, amount: tax + social),
                        EntryLineDraft(account: a.bank, amount: -(tax + social))])))
            // Depreciation of the inventory over five years, by hand where the asset is not in the register.
            if !attention.registersInventory {
                add("MEM", date(month, 28).lastOfMonth, "Afschrijving inventaris \(month)/\(year)", [
                    EntryLineDraft(account: a.depreciation, amount: inventory / 60),
                    EntryLineDraft(account: a.accumulated, amount: -(inventory / 60)),
                ])
            }
            // A foreign-currency purchase every third month, paid later at another rate.
            if month % 3 == 2 { foreignPurchase(month, &rng, &pending) }
            // The quarterly VAT return, filed and paid the month after the quarter.
            if month % 3 == 0 { vatReturn(month) }
            // Bank items due this month, in date order.
            let monthEnd = date(month, 31)
            for (_, draft) in pending.filter({ $0.0 <= monthEnd }).sorted(by: { $0.0 < $1.0 }) {
                if !add(draft.journal, draft.date, draft.description, draft.lines),
                   let paid = draft.lines.first(where: { $0.account == a.receivables && $0.invoice != nil }) {
                    unpaid.append(paid)
                }
            }
            pending.removeAll { $0.0 <= monthEnd }
        }
        entries.sort { $0.date < $1.date }
        unpaid += pending.sorted { $0.0 < $1.0 }.compactMap { $0.1.lines.first { $0.account == a.receivables && $0.invoice != nil } }
        // Receipts that reached the bank but are not yet booked: payments of open invoices, naming the invoice, its
        // structured reference, or only the customer's IBAN; and the odd one that matches nothing.
        for i in 0..<rng.int(2...8) {
            let day = through.adding(days: -rng.int(0...12))
            guard day.year == year else { continue }
            var customer = rng.pick(customers)
            var amount = Int64(rng.int(50...3_000)) * 100
            var description = "Betaling factuur"
            var structured: String?
            if i < unpaid.count - 1, let invoice = unpaid[i].invoice,
               let payer = relations.first(where: { $0.number == unpaid[i].relation }) {
                customer = payer
                amount = -unpaid[i].amount
                switch i % 3 {
                case 0: description = "Factuur \(invoice)"
                case 1: structured = PaymentReference.creditorReference(for: invoice)
                default: description = "Betaling"
                }
            }
            unprocessedBankLines.append(BankStatementLine(
                id: 0, account: a.bank, date: day, amount: Money(minorUnits: amount, currency: .eur),
                counterpartyName: customer.name, counterpartyIBAN: customer.iban,
                description: description, reference: "STMT-\(administration.id)-\(i)", entryID: nil,
                structuredReference: structured))
        }
    }

    private func receipt(_ customer: Relation, _ invoice: String, _ amount: Int64, _ day: LocalDate) -> EntryDraft {
        EntryDraft(journal: "BNK", date: day, description: "Ontvangst \(invoice) \(customer.name)", lines: [
            EntryLineDraft(account: accounts.bank, amount: amount),
            EntryLineDraft(account: accounts.receivables, amount: -amount, relation: customer.number, invoice: invoice),
        ])
    }

    private mutating func foreignPurchase(_ month: Int, _ rng: inout SeededGenerator,
                                          _ pending: inout [(LocalDate, EntryDraft)]) {
        let a = accounts
        let index = rng.int(0...(DemoNames.foreignSuppliers.count - 1))
        let (_, _, code) = DemoNames.foreignSuppliers[index]
        let currency = try! CurrencyCode(code)
        let foreign = Int64(rng.int(200...3_000)) * 100
        let rate = DecimalNumber(mantissa: Int64(code == "USD" ? rng.int(8_900...9_400) : rng.int(11_400...11_900)), scale: 4)
        let base = rate.multiply(foreign)
        let day = date(month, rng.int(1...20))
        let invoice = "F\(code)-\(year)-\(month)"
        add("IK", day, "Purchase invoice \(invoice)", [
            EntryLineDraft(account: rng.pick(a.expenses), amount: base),
            EntryLineDraft(account: a.payables, amount: -foreign, currency: currency, rate: rate, baseAmount: -base,
                           relation: "CF\(index + 1)", invoice: invoice, dueDate: day.adding(days: 30)),
        ])
        let payRate = DecimalNumber(mantissa: rate.mantissa + Int64(rng.int(-150...150)), scale: 4)
        let paid = payRate.multiply(foreign)
        let payDay = day.adding(days: 30)
        var lines = [
            EntryLineDraft(account: a.payables, amount: foreign, currency: currency, rate: rate, baseAmount: base,
                           relation: "CF\(index + 1)", invoice: invoice),
            EntryLineDraft(account: a.bank, amount: -paid),
        ]
        if paid != base { lines.append(EntryLineDraft(account: a.exchange, amount: paid - base)) }
        pending.append((payDay, EntryDraft(journal: "BNK", date: payDay, description: "Payment \(invoice)", lines: lines)))
    }

    private mutating func vatReturn(_ month: Int) {
        let a = accounts
        // The last return before the demo's day is left unfiled where the monitor should see one.
        if attention.leavesLastReturnOpen && date(month, 31) <= through && date(month, 31).adding(months: 3) > through { return }
        let payable = vatHigh + vatLow - vatInput
        let day = date(month, 28).adding(days: 30).lastOfMonth
        var lines: [EntryLineDraft] = []
        if vatHigh != 0 { lines.append(EntryLineDraft(account: a.vatHigh, amount: vatHigh)) }
        if vatLow != 0 { lines.append(EntryLineDraft(account: a.vatLow, amount: vatLow)) }
        if vatInput != 0 { lines.append(EntryLineDraft(account: a.vatReceivable, amount: -vatInput)) }
        if payable != 0 { lines.append(EntryLineDraft(account: a.vatSettlement, amount: -payable)) }
        guard lines.count >= 2 else { return }
        let quarter = month / 3
        add("MEM", date(month, 31), "Aangifte omzetbelasting Q\(quarter) \(year)", lines)
        if payable != 0 {
            add("BNK", day, "Betaling omzetbelasting Q\(quarter) \(year)", [
                EntryLineDraft(account: a.vatSettlement, amount: payable),
                EntryLineDraft(account: a.bank, amount: -payable),
            ])
        }
        vatHigh = 0; vatLow = 0; vatInput = 0
    }
}
