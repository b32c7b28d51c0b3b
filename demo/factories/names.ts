/**
 * Invented combinations of common given names and family names, grouped by the newcomers'
 * common origins. Every client built from these is marked is_synthetic; no entry describes a
 * real person. Some names carry diacritics on purpose, to exercise name search.
 */
export type PermitKind =
  | "international_protection"
  | "temporary_protection"
  | "family_ties"
  | "work"
  | "studies"
  | "permanent"
  | "other";

export interface Origin {
  key: string;
  /** ISO 3166-1 alpha-2. */
  citizenship: string;
  /** BCP 47 code of the first language: what the register stores for it (shown by name in the reader's language). */
  language: string;
  permits: readonly PermitKind[];
  female: readonly string[];
  male: readonly string[];
  /** A family name, or [masculine, feminine] forms. */
  family: readonly (string | readonly [string, string])[];
  weight: number;
}

export const origins: readonly Origin[] = [
  {
    key: "syria",
    citizenship: "SY",
    language: "ar",
    permits: ["international_protection", "international_protection", "family_ties"],
    female: ["Amina", "Fatima", "Layla", "Rania", "Noor", "Huda", "Yasmin", "Salma"],
    male: ["Ahmad", "Omar", "Khaled", "Yusuf", "Samir", "Tariq", "Bilal", "Hassan"],
    family: ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Darwish", "Hamdan"],
    weight: 4,
  },
  {
    key: "iraq",
    citizenship: "IQ",
    language: "ar",
    permits: ["international_protection", "family_ties", "work"],
    female: ["Zahraa", "Maryam", "Shahad", "Dunya", "Rusul"],
    male: ["Mustafa", "Ali", "Haider", "Karrar", "Muntadhar"],
    family: ["Al-Jubouri", "Kadhim", "Al-Obaidi", "Jaber", "Al-Saadi"],
    weight: 2,
  },
  {
    key: "ukraine",
    citizenship: "UA",
    language: "uk",
    permits: ["temporary_protection", "temporary_protection", "temporary_protection", "work"],
    female: ["Olena", "Iryna", "Oksana", "Kateryna", "Nataliia", "Yuliia", "Sofiia", "Halyna"],
    male: ["Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Bohdan", "Taras"],
    family: ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Oliinyk", "Lysenko"],
    weight: 6,
  },
  {
    key: "russia",
    citizenship: "RU",
    language: "ru",
    permits: ["work", "family_ties", "studies", "international_protection"],
    female: ["Anastasia", "Jekaterina", "Tatjana", "Svetlana", "Olga"],
    male: ["Aleksei", "Sergei", "Ivan", "Nikolai", "Pavel"],
    family: [
      ["Smirnov", "Smirnova"],
      ["Kuznetsov", "Kuznetsova"],
      ["Popov", "Popova"],
      ["Volkov", "Volkova"],
      ["Sokolov", "Sokolova"],
    ],
    weight: 2,
  },
  {
    key: "somalia",
    citizenship: "SO",
    language: "so",
    permits: ["international_protection", "family_ties", "family_ties"],
    female: ["Hodan", "Sahra", "Ayaan", "Fadumo", "Hibo", "Ifrah"],
    male: ["Abdirahman", "Mohamed", "Abdullahi", "Liban", "Hamza", "Yusuf"],
    family: ["Warsame", "Jama", "Farah", "Abdi", "Nur", "Osman", "Aden", "Guled"],
    weight: 3,
  },
  {
    key: "afghanistan",
    citizenship: "AF",
    language: "fa-AF",
    permits: ["international_protection", "international_protection", "family_ties"],
    female: ["Mariam", "Zahra", "Shabnam", "Farzana", "Parwana", "Nilofar"],
    male: ["Mohammad", "Farid", "Jawad", "Rahim", "Naveed", "Sami"],
    family: ["Ahmadi", "Rahimi", "Hakimi", "Karimi", "Nazari", "Sultani", "Haidari"],
    weight: 3,
  },
  {
    key: "eritrea",
    citizenship: "ER",
    language: "ti",
    permits: ["international_protection", "family_ties"],
    female: ["Helen", "Selam", "Senait", "Luwam", "Saba", "Mebrat"],
    male: ["Yonas", "Tesfay", "Dawit", "Robel", "Filmon", "Mehari"],
    family: ["Tesfamariam", "Gebremedhin", "Haile", "Berhane", "Kidane", "Tekle", "Weldu"],
    weight: 2,
  },
  {
    key: "turkey_kurdish",
    citizenship: "TR",
    language: "ku",
    permits: ["international_protection", "family_ties", "work"],
    female: ["Şirin", "Rojîn", "Berfîn", "Zozan"],
    male: ["Azad", "Serhat", "Şêrko", "Rênas"],
    family: ["Çelik", "Doğan", "Yıldız", "Aydın", "Özdemir"],
    weight: 1,
  },
  {
    // Returnees of Finnish descent (e.g. Ingrian Finns): Finnish names, another citizenship.
    key: "finnish_returnee",
    citizenship: "RU",
    language: "ru",
    permits: ["permanent", "family_ties", "other"],
    female: ["Aino", "Helmi", "Kaisa", "Maria", "Elli"],
    male: ["Eino", "Juho", "Matti", "Toivo", "Väinö"],
    family: ["Mäkinen", "Hämäläinen", "Lämsä", "Pöllänen", "Kärkkäinen", "Ylönen"],
    weight: 1,
  },
];

export const fictionalStreets = [
  "Kotolantie",
  "Rantakotolankatu",
  "Pajukuja",
  "Myllärinpolku",
  "Koivikkotie",
  "Asemanseudunkatu",
  "Pihlajarinne",
  "Vanhan koulun tie",
] as const;

export const skillNames = [
  "ajokortti B",
  "tietotekniikan perustaidot",
  "asiakaspalvelu",
  "hitsaus",
  "ruoanvalmistus",
  "lastenhoito",
  "rakennustyöt",
  "ompelu",
  "kirjanpito",
  "kampaamotyö",
  "maatalous",
] as const;

export const jobTitles = [
  "myyjä",
  "opettaja",
  "sairaanhoitaja",
  "kuljettaja",
  "kokki",
  "rakennustyöntekijä",
  "kampaaja",
  "insinööri",
  "kirjanpitäjä",
  "maanviljelijä",
  "siivooja",
  "varastotyöntekijä",
] as const;

/** Education levels by their codes (lib/intake/steps.ts educationLevels), with fields of study as typed. */
export const educationLevels = [
  { level: "primary", fields: [null] },
  { level: "secondary", fields: [null] },
  { level: "vocational", fields: ["sähköasennus", "kauneudenhoito", "logistiikka", "ravintola-ala"] },
  { level: "bachelor", fields: ["kauppatiede", "opettajankoulutus", "tekniikka", "hoitotyö", "oikeustiede"] },
] as const;
