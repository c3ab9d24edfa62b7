import Foundation

/// Invented people: first names and surnames that fit each country, with the feminine surname
/// forms the languages use (Lithuanian -ienė, Czech and Slovak -ová, Polish -ska, Greek -ου, …).
/// Any likeness to a real person is chance; e-mail addresses use reserved example domains.
enum Names {
    struct Country {
        var female: [String]
        var male: [String]
        /// (masculine form, feminine form)
        var surnames: [(String, String)]
        var languages: [String]
    }

    static func same(_ names: [String]) -> [(String, String)] { names.map { ($0, $0) } }

    static let byCountry: [String: Country] = [
        "LT": Country(
            female: ["Eglė", "Rūta", "Gintarė", "Aistė", "Jurgita", "Indrė", "Dalia"],
            male: ["Mantas", "Tomas", "Darius", "Jonas", "Žygimantas", "Linas", "Saulius"],
            surnames: [
                ("Butkevičius", "Butkevičienė"), ("Kazlauskas", "Kazlauskienė"), ("Jankauskas", "Jankauskienė"),
                ("Petrauskas", "Petrauskienė"), ("Vaitkus", "Vaitkienė"), ("Žukauskas", "Žukauskienė"),
            ],
            languages: ["lt", "en", "ru"]),
        "SI": Country(
            female: ["Maja", "Nina", "Špela", "Urška", "Tjaša", "Mojca"],
            male: ["Žiga", "Luka", "Matej", "Rok", "Jure", "Blaž", "Gašper"],
            surnames: same(["Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Vidmar"]),
            languages: ["sl", "en", "hr"]),
        "EL": Country(
            female: ["Ελένη", "Μαρία", "Κατερίνα", "Σοφία", "Δήμητρα"],
            male: ["Γιώργος", "Νίκος", "Δημήτρης", "Κώστας", "Γιάννης"],
            surnames: [
                ("Παπαδόπουλος", "Παπαδοπούλου"), ("Οικονόμου", "Οικονόμου"), ("Γεωργίου", "Γεωργίου"),
                ("Νικολάου", "Νικολάου"), ("Βασιλείου", "Βασιλείου"), ("Αντωνίου", "Αντωνίου"),
            ],
            languages: ["el", "en"]),
        "CZ": Country(
            female: ["Tereza", "Kateřina", "Lucie", "Zuzana", "Markéta"],
            male: ["Jiří", "Tomáš", "Ondřej", "Lukáš", "Petr"],
            surnames: [
                ("Dvořák", "Dvořáková"), ("Novotný", "Novotná"), ("Procházka", "Procházková"),
                ("Černý", "Černá"), ("Kučera", "Kučerová"), ("Růžička", "Růžičková"),
            ],
            languages: ["cs", "en", "sk"]),
        "SK": Country(
            female: ["Zuzana", "Lucia", "Katarína", "Jana"], male: ["Ján", "Marek", "Martin", "Ľubomír"],
            surnames: [("Horváth", "Horváthová"), ("Kováč", "Kováčová"), ("Varga", "Vargová"), ("Tóth", "Tóthová")],
            languages: ["sk", "cs", "en", "hu"]),
        "PL": Country(
            female: ["Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Zofia"],
            male: ["Łukasz", "Paweł", "Krzysztof", "Michał", "Piotr"],
            surnames: [
                ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
                ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Dąbrowski", "Dąbrowska"),
            ],
            languages: ["pl", "en", "de"]),
        "HU": Country(
            female: ["Zsófia", "Eszter", "Réka", "Anikó", "Katalin"],
            male: ["Bence", "Gábor", "Zoltán", "László", "Ádám"],
            surnames: same(["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss"]),
            languages: ["hu", "en", "de"]),
        "LV": Country(
            female: ["Ilze", "Līga", "Anna", "Kristīne"], male: ["Jānis", "Andris", "Mārtiņš", "Edgars"],
            surnames: [("Bērziņš", "Bērziņa"), ("Kalniņš", "Kalniņa"), ("Ozols", "Ozola"), ("Liepiņš", "Liepiņa")],
            languages: ["lv", "en", "ru"]),
        "EE": Country(
            female: ["Kadri", "Triin", "Liis"], male: ["Mart", "Tõnu", "Rasmus"],
            surnames: same(["Tamm", "Saar", "Sepp", "Mägi", "Kask"]), languages: ["et", "en", "fi"]),
        "BG": Country(
            female: ["Mariya", "Elena", "Desislava"], male: ["Georgi", "Ivan", "Dimitar"],
            surnames: [("Ivanov", "Ivanova"), ("Georgiev", "Georgieva"), ("Petrov", "Petrova")],
            languages: ["bg", "en"]),
        "RO": Country(
            female: ["Ioana", "Andreea", "Mihaela"], male: ["Andrei", "Mihai", "Ștefan"],
            surnames: same(["Popescu", "Ionescu", "Dumitrescu", "Stoica", "Munteanu"]), languages: ["ro", "en", "fr"]),
        "HR": Country(
            female: ["Ivana", "Petra", "Marija"], male: ["Ivan", "Marko", "Tomislav"],
            surnames: same(["Horvat", "Kovačević", "Babić", "Marić", "Jurić"]), languages: ["hr", "en", "sl"]),
        "IT": Country(
            female: ["Giulia", "Francesca", "Chiara"], male: ["Marco", "Luca", "Giuseppe"],
            surnames: same(["Rossi", "Bianchi", "Esposito", "Ferrari", "Romano"]), languages: ["it", "en"]),
        "ES": Country(
            female: ["Lucía", "María José", "Nuria"], male: ["Javier", "Íñigo", "Sergio"],
            surnames: same(["García", "Fernández", "López", "Martínez", "Sánchez"]), languages: ["es", "en", "ca"]),
        "PT": Country(
            female: ["Inês", "Joana", "Beatriz"], male: ["João", "Tiago", "Gonçalo"],
            surnames: same(["Silva", "Santos", "Ferreira", "Pereira", "Gonçalves"]), languages: ["pt", "en", "es"]),
        "FR": Country(
            female: ["Camille", "Léa", "Hélène"], male: ["Julien", "François", "Théo"],
            surnames: same(["Martin", "Bernard", "Lefèvre", "Moreau", "Girard"]), languages: ["fr", "en"]),
        "DE": Country(
            female: ["Anna", "Jana", "Sabine"], male: ["Jonas", "Matthias", "Jürgen"],
            surnames: same(["Müller", "Schmidt", "Kühne", "Schäfer", "Becker"]), languages: ["de", "en"]),
        "AT": Country(
            female: ["Katharina", "Lena", "Birgit"], male: ["Lukas", "Florian", "Andreas"],
            surnames: same(["Gruber", "Huber", "Wagner", "Pichler", "Moser"]), languages: ["de", "en"]),
        "NL": Country(
            female: ["Sanne", "Femke", "Anouk"], male: ["Daan", "Bram", "Joost"],
            surnames: same(["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker"]), languages: ["nl", "en", "de"]),
        "BE": Country(
            female: ["Lotte", "Élise", "Nathalie"], male: ["Pieter", "Thomas", "Benoît"],
            surnames: same(["Peeters", "Janssens", "Maes", "Dubois", "Lambert"]), languages: ["nl", "fr", "en"]),
        "LU": Country(
            female: ["Claire", "Anne"], male: ["Luc", "Marc"], surnames: same(["Schmit", "Weber", "Hoffmann"]),
            languages: ["lb", "fr", "de", "en"]),
        "DK": Country(
            female: ["Mette", "Sofie", "Ida"], male: ["Søren", "Mads", "Rasmus"],
            surnames: same(["Jensen", "Nielsen", "Hansen", "Sørensen", "Møller"]), languages: ["da", "en"]),
        "SE": Country(
            female: ["Elin", "Maja", "Åsa"], male: ["Erik", "Oskar", "Björn"],
            surnames: same(["Andersson", "Johansson", "Lindqvist", "Öberg"]), languages: ["sv", "en"]),
        "FI": Country(
            female: ["Aino", "Sanna", "Päivi"], male: ["Mikko", "Jussi", "Ville"],
            surnames: same(["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen"]),
            languages: ["fi", "sv", "en"]),
        "IE": Country(
            female: ["Aoife", "Siobhán", "Niamh"], male: ["Seán", "Cian", "Pádraig"],
            surnames: same(["Murphy", "O'Brien", "Kelly", "Ó Súilleabháin"]), languages: ["en", "ga"]),
        "CY": Country(
            female: ["Andri", "Eleni"], male: ["Andreas", "Christos"],
            surnames: same(["Christodoulou", "Charalambous", "Ioannou"]),
            languages: ["el", "en", "tr"]),
        "MT": Country(
            female: ["Maria", "Roberta"], male: ["Joseph", "Karl"],
            surnames: same(["Borg", "Camilleri", "Vella", "Farrugia"]),
            languages: ["mt", "en", "it"]),
        "UK": Country(
            female: ["Emily", "Charlotte", "Fiona"], male: ["James", "Oliver", "Rhys"],
            surnames: same(["Smith", "Jones", "Taylor", "Evans", "Campbell"]), languages: ["en"]),
    ]

    /// An invented full name from a country (feminine surname for a woman) and whether she is one.
    static func person(_ country: String, _ random: inout SeededRandom) -> String {
        let names = byCountry[country] ?? byCountry["UK"]!
        let female = random.chance(0.5)
        let first = random.pick(female ? names.female : names.male)
        let surname = random.pick(names.surnames)
        return "\(first) \(female ? surname.1 : surname.0)"
    }

    /// name.surname@example.org without accents, for invented contact details.
    static func email(_ name: String, _ random: inout SeededRandom) -> String {
        let plain =
            (name.utf8.allSatisfy { $0 < 0x80 }
            ? name.lowercased() : name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
            .unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == " ") }
        let local = String(String.UnicodeScalarView(plain)).split(separator: " ").joined(separator: ".")
        return (local.isEmpty ? "contact\(random.int(1...999))" : local) + "@"
            + random.pick(["example.org", "example.eu", "example.net"])
    }
}
