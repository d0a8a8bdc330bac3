#!/usr/bin/env python3
"""Generate templates/base/accounts.csv from the RGS MKB 3.7 reference data.

Usage:  python3 scripts/make_chart.py [path/to/rgs_mkb_3.7.csv]
        (default: ../shared/data/rgs/rgs_mkb_3.7.csv relative to the repo root)

Selection rule
--------------
1. Start from RGS level-4 rows (rgs_nivo == 4, the postable accounts) with
   rgs_status == 'A' (active).
2. Keep rows flagged for a sole trader or a limited company:
   rgs_ez == 'J' or rgs_bv == 'J'.
3. Drop groups a Dutch small business (eenmanszaak or BV) does not use:
   agriculture/livestock (WOmzAol/Aov, WKprAkl/Ina/Akv, WWivWav/Wva, BMvaMep/Geb,
   BVrdNig, the matching depreciation rows), partner equity for a VOF
   (BEivKa2..Ka5, interest with "firmanten"), intercompany/group rows
   (deelnemingen, groepsmaatschappijen, interne lening), revaluations
   (*Cuh, BEivHer, WVheVuh), legal reserves and cost-equalisation reserves,
   incorporation costs, vouchers/stamps, recharged costs ("Doorberekende ..."),
   the detailed werkkostenregeling split, cost-of-sales by nature for
   production-function reporting (WKprKvp/Kvm/Kra), placeholder "groep 1" rows,
   P&L result rows (WNer*), third/fourth bank accounts, the per-category
   splits of interim accounts (BVorTus/BSchTus), prepayments (BVorOva) and
   accruals (BSchOpa) -- the general account of each of those stays --,
   capitalised development costs, pension debts, and a list of rarely used
   detail accounts (see DROP_PREFIXES for the exact codes).
4. Add an explicit must-include list (MUST_INCLUDE), regardless of flags and
   the drop list, e.g. BSchBepBoo 'Voorbelasting BTW' (input VAT), which RGS
   flags N for every entity type, and every account with a control role.
The result is 330 accounts (must be 250-350, checked); the script prints the
count per type.

Type: B codes: BEiv* equity; BVrz*, BLas*, BSch* liability; other B asset.
W codes: WOmz, WOvb, WWiv, WOvt, WVhe, WRed revenue; WFbe revenue when its
level-3 group is credit (rentebaten), else expense; other W expense
(contra lines such as WAfsRvm 'Boekresultaat' or WKprLeb 'Inkoopkortingen'
stay expense with a credit normal side).

Columns: code,name,type,normal,rgs,vat,control
  code    5-digit rgs_reknr (must be unique)
  name    rgs_omskort
  type    asset|liability|equity|revenue|expense (see account_type())
  normal  debit|credit from rgs_dc (contra accounts keep their own side)
  rgs     rgs_code
  vat     default VAT code (see vat.yaml) for P&L accounts, empty otherwise
  control system role, each role used by exactly one account (CONTROL)

Output is deterministic: rows sorted by code, LF line endings, UTF-8.
Standard library only.
"""
import csv
import io
import os
import sys
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IN = os.path.join(REPO, "..", "shared", "data", "rgs", "rgs_mkb_3.7.csv")
OUT = os.path.join(REPO, "templates", "base", "accounts.csv")

# Level-3 groups (or level-4 prefixes) dropped entirely.
DROP_PREFIXES = (
    # agriculture / livestock
    "WOmzAol", "WOmzAov", "WKprAkl", "WKprIna", "WKprAkv", "WWivWav", "WWivWva",
    "BMvaMep", "BMvaGeb", "BVrdNig", "WAfsAmvAmp", "WAfsAmvAfg", "WAfsRvmBmp",
    "WAfsRvmBgv",
    # partner (VOF) equity and partner interest
    "BEivKa2", "BEivKa3", "BEivKa4", "BEivKa5", "WFbeRlmRvf", "WFbeRlsRsf",
    # intercompany / group
    "BFvaDig", "BFvaVog", "BVorVog", "BLasSag", "BSchSag", "WOvtRofRig",
    "WFbeRlmRgi", "WFbeRlsRgi", "WRedAir", "WFbeRlmRil", "WFbeRlsRil",
    "BVorOvrIln",
    # revaluation, legal and cost-equalisation reserves, incorporation costs
    "BEivHer", "WVheVuh", "BEivWer", "BEivOkc", "BIvaKou", "WAfsAivOek",
    "WBedHuiDkg", "WBedHuiVkg", "WBedEemDkm", "WBedEemVkm", "WFbeEmk",
    "BVorVao", "BVorVbkTtv", "BSchOvsTbd",
    # vouchers and stamps
    "BVorOvrNvd", "BSchOvsVou", "BSchOvsVvd", "BSchOvsZua", "WOmzNooOvv",
    "WOmzNooOvd",
    # werkkostenregeling detail, production-function cost of sales, placeholders
    "WBedWkr", "WKprKvp", "WKprKvm", "WKprKra", "WOmzGrp", "WKprGrp",
    # result rows of the P&L (the ledger closes to BEivOreRvh instead)
    "WNer",
    # bank accounts C/D and G-rekening
    "BLimBanRbc", "BLimBanRbd", "BLimBanGrb", "BSchSakRbc", "BSchSakRbd",
    # per-category interim accounts (keep Tbt betalingen and Tov overig)
    "BVorTusTsa", "BVorTusTin", "BVorTusTpj", "BVorTusTdv", "BVorTusTvr",
    "BVorTusTvk", "BVorTusTon", "BVorTusLen",
    "BSchTusTsa", "BSchTusTin", "BSchTusTpj", "BSchTusTdv", "BSchTusTvr",
    "BSchTusTvk", "BSchTusTon", "BSchTusLen",
    # per-category prepayments / accruals (keep the general ones)
    "BVorOvaVop", "BVorOvaVoh", "BVorOvaVem", "BVorOvaVov", "BVorOvaVak",
    "BVorOvaVtr", "BVorOvaVok", "BVorOvaVas", "BVorOvaVae", "BVorOvaVoa",
    "BVorOvaVbr", "BVorOvaNos",
    "BSchOpaNpe", "BSchOpaNhv", "BSchOpaNee", "BSchOpaNvk", "BSchOpaNak",
    "BSchOpaNtk", "BSchOpaNkk", "BSchOpaNas", "BSchOpaNaa", "BSchOpaNad",
    "BSchOpaNbs",
    # long-term loans to directors/shareholders with separate repayment rows
    # (the short-term current accounts BVorOvrRcb/Rca stay)
    "BFvaOvr", "BVorOvrLvb", "WOvtRofRvd",
    # capitalised development costs, pension debts/receivables, half-products
    "BIvaKoo", "WAfsAivKoe", "WBedOrgOeo", "BLasStz", "BVorVpk",
    "WKprKvgKhn", "WKprKvgVvh", "BVrdHanTus", "BVrdGehTus",
    # book results on disposal of buildings / renovations / tenant investments
    "WAfsRvmBeg", "WAfsRvmHuu", "WAfsRvmVeb",
    # rarely used detail accounts
    "BLasSakFvl", "BLasSakFca", "BVorOvaNtp", "BSchOpaNpr", "BSchOpaVor",
    "BSchSalPer", "BSchSalOna", "BSchSalTan", "BSchSalReu", "BSchSalGra",
    "WPerLesOnr", "WPerLesLin", "WPerLesLoo", "WPerLesOls", "WPerLesOvt",
    "WBedOvpOip", "WBedOvpLbo", "WBedOvpWpt", "WBedOvpWbp", "WBedOvpOzi",
    "WBedHuiTrg", "WBedHuiMez", "WBedHuiObh", "WBedHuiOvh", "WBedHuiOnt",
    "WBedEemOls", "WBedEemOlm", "WBedEemBrm", "WBedEemKam", "WBedEemOki",
    "WBedEemOkm", "WBedVkkEta", "WBedVkkObs", "WBedVkkInc",
    "WBedAutBwl", "WBedAutObv", "WBedKanOba", "WBedKanRok",
    "WBedAdlVal",   # duplicates WFbeWisWis (the exchange-differences account)
    "WBedAdlNao", "WBedAdlHef", "WBedAssAvk",
    "WFbeRlmRlm", "WFbeRlmInc", "WFbeRlsRef", "WFbeOrlRos", "WFbeRfl",
)

# Recharged-cost rows ("Doorberekende ...") are dropped by name, and
# revaluation rows by their level-4 suffix (BMvaMeiCuh, BIvaOivCuh, ...).
DROP_NAME_PREFIXES = ("Doorberekend",)
DROP_SUFFIXES = ("Cuh",)

# Kept regardless of the EZ/BV flags and the drop list.
MUST_INCLUDE = (
    "BVrzOvzVvg",   # Voorziening groot onderhoud: the balance sheet's provisions line needs one
    "BLimKasKas",   # Kas
    "BLimBanRba",   # Bankrekening
    "BVorDebHad",   # Debiteuren
    "BSchCreHac",   # Handelscrediteuren
    "BSchBepBla", "BSchBepBlv", "BSchBepBlo", "BSchBepBop", "BSchBepBlw",
    "BSchBepBlb", "BSchBepBlu",
    "BSchBepBoo",   # Voorbelasting BTW (flags N/N/N/N in RGS)
    "BSchBepBtw",   # Te betalen omzetbelasting
    "BSchBepLhe",   # Te betalen loonheffing
    "BSchSalNet",   # Netto lonen
    "BVorTusTov",   # Tussenrekeningen overig (suspense; RGS has no 'vraagposten')
    "BEivOreRvh",   # Resultaat van het boekjaar
    "BEivOreOvw",   # Niet verdeelde winst
    "BEivOvrOrs",   # Overige reserves
    "BEivKapOnd",   # Ondernemingsvermogen (eenmanszaak)
    "WOmzNodOdh", "WOmzNodOdl", "WOmzNohOlh", "WOmzNohOlv",
    "WKprInhInh",   # Inkoopwaarde handelsgoederen
    "WPerLesLon", "WPerSolPsv", "WPerPenPen",
    "WAfsAmvBei", "WAfsAmvTev",
    "WBedHuiBeh",   # Betaalde huur
    "WBedAutBra", "WBedKanKan",
    "WBedAdlBan",   # Bankkosten
    "WBedAdlBet",   # Betalingsverschillen
    "WFbeRlsRlk", "WFbeRlmObr",
    "WFbeWisWis",   # Valutakoersverschillen
)

# Control roles -> RGS code. Each role is used by exactly one account.
CONTROL = {
    "bank": "BLimBanRba",
    "cash": "BLimKasKas",
    "receivables": "BVorDebHad",
    "payables": "BSchCreHac",
    "vat-payable-high": "BSchBepBla",
    "vat-payable-low": "BSchBepBlv",
    "vat-payable-other": "BSchBepBlo",
    "vat-private-use": "BSchBepBop",
    "vat-reverse-charge": "BSchBepBlw",
    "vat-receivable": "BSchBepBoo",
    "vat-settlement": "BSchBepBtw",
    "suspense": "BVorTusTov",
    "retained-earnings": "BEivOvrOrs",
    "current-year-result": "BEivOreRvh",
    "exchange-differences": "WFbeWisWis",
    "rounding": "WBedAdlBet",
    "net-wages": "BSchSalNet",
    "payroll-tax": "BSchBepLhe",
}

# P&L groups whose accounts are income. WFbe is split by the level-3 rgs_dc
# (WFbeRlm interest income is C -> revenue, WFbeRls/Orl/Wis... D -> expense).
REVENUE_PREFIXES = ("WOmz", "WOvb", "WWiv", "WOvt", "WVhe", "WRed")

# --- default VAT codes -----------------------------------------------------
# Per level-3 group default, then per-account overrides (None = no default).
VAT_GROUP_DEFAULT = {
    "WKprKvg": "I21", "WKprKuw": "I21", "WKprInh": "I21",
    "WBedHui": "I21", "WBedEem": "I21", "WBedVkk": "I21", "WBedAut": "I21",
    "WBedTra": "I21", "WBedKan": "I21", "WBedOrg": "I21", "WBedAea": "I21",
    "WBedOvp": "I21", "WBedAlk": "I21",
}
VAT_OVERRIDE = {
    # revenue
    "WOmzNopOlh": "V21", "WOmzNohOlh": "V21", "WOmzNodOdh": "V21",
    "WOmzNopOlv": "V9", "WOmzNohOlv": "V9", "WOmzNodOdl": "V9",
    "WOmzNopOpg": "VPR", "WOmzNohOpg": "VPR",
    "WOmzNopOln": "VEX", "WOmzNohOln": "VEX",
    "WOmzNopOli": "VICP", "WOmzNohOli": "VICP", "WOmzNodOdi": "VICP",
    "WOmzNopOla": "VAFS", "WOmzNohOla": "VAFS", "WOmzNodOda": "VAFS",
    "WOmzNooNdl": "V21",
    # costs: no VAT, mixed rates, private corrections, taxes, insurance
    "WKprInhVrv": None, "WKprInhPrv": None, "WKprKvgVrv": None,
    "WKprKvgPrv": None, "WKprKvgVvh": None,
    "WBedHuiHuw": None, "WBedHuiPre": None, "WBedHuiTrg": None,
    "WBedHuiAoz": None, "WBedHuiOnz": None, "WBedHuiMez": None,
    "WBedHuiObh": None, "WBedHuiOvh": None, "WBedHuiWat": "I9",
    "WBedEemAme": None,
    "WBedVkkRep": None, "WBedVkkRev": None, "WBedVkkInc": None,
    "WBedVkkKmz": None, "WBedVkkDvd": None, "WBedVkkAdd": None,
    "WBedVkkObs": None,
    "WBedAutAsa": None, "WBedAutMot": None, "WBedAutBwl": None,
    "WBedAutPga": None, "WBedAutBop": None, "WBedAutKil": None,
    "WBedAutBeb": None, "WBedAutObv": None,
    "WBedKanPor": None, "WBedKanPrt": None, "WBedKanCea": None,
    "WBedKanVak": "I9", "WBedKanAss": None, "WBedKanOba": None,
    "WBedOrgLgv": None, "WBedOrgKgd": None,
    "WBedAeaPda": None,
    "WBedAlkKzo": None,
    "WBedOvpOpk": None, "WBedOvpLbo": None, "WBedOvpMlv": None,
    "WBedOvpPug": None, "WBedOvpThv": None, "WBedOvpWbp": None,
    "WBedOvpRkv": None, "WBedOvpOvb": None, "WBedOvpAbd": None,
    "WBedOvpZie": None, "WBedOvpOzi": None, "WBedOvpOvp": None,
}


def account_type(code, group_dc):
    """Map an RGS code to asset|liability|equity|revenue|expense."""
    if code.startswith("B"):
        if code.startswith("BEiv"):
            return "equity"
        if code.startswith(("BVrz", "BLas", "BSch")):
            return "liability"
        return "asset"
    if code.startswith(REVENUE_PREFIXES):
        return "revenue"
    if code.startswith("WFbe"):
        return "revenue" if group_dc == "C" else "expense"
    return "expense"


def default_vat(code, typ):
    if typ not in ("revenue", "expense"):
        return ""
    if code in VAT_OVERRIDE:
        return VAT_OVERRIDE[code] or ""
    return VAT_GROUP_DEFAULT.get(code[:7], "")


def main(argv):
    src = argv[1] if len(argv) > 1 else DEFAULT_IN
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    by_code = {r["rgs_code"]: r for r in rows}

    missing = [c for c in MUST_INCLUDE + tuple(CONTROL.values()) if c not in by_code]
    if missing:
        sys.exit("must-include codes not in RGS data: %s" % ", ".join(missing))

    selected = {}
    for r in rows:
        if r["rgs_nivo"] != "4" or r["rgs_status"] != "A":
            continue
        code = r["rgs_code"]
        keep = ((r["rgs_ez"] == "J" or r["rgs_bv"] == "J")
                and not code.startswith(DROP_PREFIXES)
                and not code.endswith(DROP_SUFFIXES)
                and not r["rgs_omskort"].startswith(DROP_NAME_PREFIXES))
        if keep or code in MUST_INCLUDE:
            selected[code] = r
    for code in MUST_INCLUDE + tuple(CONTROL.values()):
        r = by_code[code]
        if r["rgs_nivo"] != "4" or r["rgs_status"] != "A":
            sys.exit("must-include %s is not an active level-4 account" % code)
        selected[code] = r

    role_of = {}
    for role, code in CONTROL.items():
        if code in role_of:
            sys.exit("account %s has two control roles" % code)
        role_of[code] = role

    out_rows = []
    for code, r in selected.items():
        parent = by_code.get(r["parent_rgs_classification"], {})
        typ = account_type(code, parent.get("rgs_dc", ""))
        dc = r["rgs_dc"]
        if dc not in ("D", "C"):
            sys.exit("%s has no D/C" % code)
        reknr = r["rgs_reknr"]
        if len(reknr) != 5 or not reknr.isdigit():
            sys.exit("%s has a bad account number %r" % (code, reknr))
        out_rows.append({
            "code": reknr,
            "name": r["rgs_omskort"].strip(),
            "type": typ,
            "normal": "debit" if dc == "D" else "credit",
            "rgs": code,
            "vat": default_vat(code, typ),
            "control": role_of.get(code, ""),
        })

    dups = [c for c, n in Counter(r["code"] for r in out_rows).items() if n > 1]
    if dups:
        sys.exit("duplicate account numbers: %s" % ", ".join(sorted(dups)))
    out_rows.sort(key=lambda r: r["code"])

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["code", "name", "type", "normal", "rgs", "vat", "control"],
                       lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    w.writerows(out_rows)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    print("wrote %d accounts to %s" % (len(out_rows), os.path.relpath(OUT, REPO)))
    for typ, n in sorted(Counter(r["type"] for r in out_rows).items()):
        print("  %-9s %d" % (typ, n))
    if not 250 <= len(out_rows) <= 350:
        sys.exit("account count %d outside 250-350" % len(out_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
