import Templates

/// Template files held in memory: each test builds the repository it needs and breaks it one way.
struct MemorySource: TemplateSource {
    var files: [String: String]
    var links: Set<String> = []

    var name: String { "memory" }

    func read(_ path: String) throws(TemplateError) -> [UInt8]? {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw TemplateError(path, 0, "the path leaves the template repository")
        }
        if links.contains(path) { throw TemplateError(path, 0, "the file is a symbolic link") }
        return files[path].map { Array($0.utf8) }
    }

    func files(under folder: String) throws(TemplateError) -> [String] {
        files.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
    }

    /// A small repository that validates: base (with every control role), a child, a cluster and an overlay.
    static let valid: [String: String] = [
        "templates/base/template.yaml": """
            name: base
            description: Basis
            currency: EUR
            fiscalYearStart: 1
            """,
        "templates/base/accounts.csv": """
            code,name,type,normal,rgs,vat,control
            05253,Overige reserves,equity,credit,BEivOvrOrs,,retained-earnings
            05403,Resultaat boekjaar,equity,credit,BEivOreRvh,,current-year-result
            10101,Kas,asset,debit,BLimKasKas,,cash
            10201,Bank,asset,debit,BLimBanRba,,bank
            13011,Debiteuren,asset,debit,BVorDebHad,,receivables
            14590,Tussenrekening,asset,debit,BVorTusTov,,suspense
            16011,Crediteuren,liability,credit,BSchCreHac,,payables
            16201,BTW hoog,liability,credit,BSchBepBla,,vat-payable-high
            16203,BTW laag,liability,credit,BSchBepBlv,,vat-payable-low
            16219,Voorbelasting,liability,debit,BSchBepBoo,,vat-receivable
            80301,Omzet hoog,revenue,credit,WOmzNohOlh,V21,
            45105,Huur,expense,debit,WBedHuiBeh,I21,
            """,
        "templates/base/vat.yaml": """
            codes:
              - code: V21
                description: Omzet hoog
                rate: "21"
                kind: sales
                box: 1a
                payableAccount: "16201"
              - code: I21
                description: Inkoop hoog
                rate: "21"
                kind: purchase
                deductibleBox: 5b
                receivableAccount: "16219"
            """,
        "templates/base/journals.yaml": """
            journals:
              - code: MEM
                name: Memoriaal
                kind: general
              - code: BNK
                name: Bank
                kind: bank
                account: "10201"
            """,
        "templates/base/reports/profit-and-loss.yaml": """
            id: profit-and-loss
            title: Winst en verlies
            kind: profit-and-loss
            lines:
              - id: revenue
                label: Omzet
                rgs: [WOmz]
                sign: credit
              - id: costs
                label: Kosten
                types: [expense]
              - id: result
                label: Resultaat
                formula: revenue - costs
            """,
        "templates/base/dashboards/overview.yaml": """
            id: overview
            title: Overzicht
            widgets:
              - id: revenue
                title: Omzet
                kind: figure
                report: profit-and-loss
                line: revenue
            """,
        "templates/base/indicators.yaml": """
            indicators:
              - id: bank.unprocessed-lines
                threshold: 25
            """,
        "templates/base/settings.yaml": """
            settings:
              payment.term-days: 30   # days
              vat.period: quarter
              dunning.enabled: true
            """,
        "templates/mkb/template.yaml": """
            name: mkb
            description: MKB
            extends: base
            remove:
              indicators: [bank.unprocessed-lines]
            """,
        "templates/mkb/accounts.csv": """
            code,name,type,normal,rgs,vat,control
            80305,Omzet laag,revenue,credit,WOmzNohOlv,,
            45105,Huur bedrijfsruimte,expense,debit,WBedHuiBeh,I21,
            """,
        "clusters/mkb.yaml": """
            name: mkb
            template: mkb
            review:
              requiredApprovals: 2
            rollout:
              maxFailures: 1
              waves:
                - name: canary
                  count: 2
                - name: rest
                  percent: 100
            drift: revert
            windows:
              - name: btw
                monthDays: [28, 29, 30, 31]
                months: [1, 4, 7, 10]
            ignore:
              - settings:bank.*
            """,
        "clusters/mkb/overrides/mkb-0001.yaml": """
            administration: mkb-0001
            settings:
              payment.term-days: 14
            """,
    ]
}
