/// Word lists for demo administrations and relations: plausible Dutch business names, nothing real.
enum DemoNames {
    static let surnames = [
        "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
        "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van Dijk", "Schouten", "Willems", "Hoekstra",
    ]
    static let trades: [String: [String]] = [
        "mkb": ["Installatiebedrijf", "Adviesbureau", "Drukkerij", "Schildersbedrijf", "Webdesign", "Timmerbedrijf",
                "Fietsenmaker", "Kapsalon", "Autobedrijf", "Boekhandel"],
        "landbouw": ["Melkveebedrijf", "Akkerbouw", "Fruitteelt", "Varkenshouderij", "Kwekerij", "Loonbedrijf",
                     "Pluimveebedrijf", "Boomkwekerij"],
        "horeca": ["Café", "Restaurant", "Eetcafé", "Hotel", "Brasserie", "Lunchroom", "Strandpaviljoen", "Pizzeria"],
    ]
    static let legalForms = ["B.V.", "V.O.F.", "", "B.V.", "Holding B.V."]
    static let cities = [
        ("Utrecht", "35"), ("Zwolle", "80"), ("Groningen", "97"), ("Leeuwarden", "89"), ("Amersfoort", "38"),
        ("Eindhoven", "56"), ("Arnhem", "68"), ("Breda", "48"), ("Haarlem", "20"), ("Deventer", "74"),
    ]
    static let streets = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Industrieweg", "Markt", "Schoolstraat"]
    static let firstNames = ["Anna", "Daan", "Sanne", "Thijs", "Femke", "Bram", "Lotte", "Ruben", "Eva", "Jeroen"]
    static let accountants = ["anouk", "bas", "charlotte", "dirk", "esther"]
    static let banks = ["INGB", "RABO", "ABNA", "SNSB", "TRIO", "KNAB"]
    static let foreignSuppliers = [("Acme Supplies Inc.", "US", "USD"), ("Harbour Tools Ltd", "GB", "GBP")]
}
