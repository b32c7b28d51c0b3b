import type { RegisterSettingsInput } from "./register-settings";

/**
 * Settings of the demo: Kotola, a fictional municipality. Every name, address, phone number and
 * e-mail address here is invented (.example domains, a fictional street and post office); no
 * person is named, only roles. The public authorities (Migri, IOM, the Ombudsman) are real kinds
 * of recipients; the regional ones carry fictional region names.
 *
 * `demoSettings` follows a register on the consent basis (nothing disclosed regularly; transfers
 * outside the EU/EEA only with written consent). `demoStatutorySettings` is the same municipality
 * under a legal obligation with regular disclosures and permanently kept integration documents.
 */

const controller = {
  name: { fi: "Kotolan kunta", sv: "Kotola kommun", en: "Municipality of Kotola" },
  unit: { fi: "Hyvinvointipalvelut, maahanmuuttopalvelut", en: "Welfare services, immigrant services" },
  addressLines: ["Kotolantie 1", "99990 Kotola"],
  email: "kirjaamo@kotola.example",
  phone: "+358 40 000 0100",
} satisfies RegisterSettingsInput["controller"];

const contact = {
  role: {
    fi: "Maahanmuutto- ja työllisyyskoordinaattori",
    sv: "Invandrings- och sysselsättningskoordinator",
    en: "Immigration and employment coordinator",
  },
  email: "maahanmuuttopalvelut@kotola.example",
  phone: "+358 40 000 0101",
} satisfies RegisterSettingsInput["contact"];

const dpo = {
  role: { fi: "Tietosuojavastaava", sv: "Dataskyddsombud", en: "Data protection officer" },
  email: "tietosuojavastaava@kotola.example",
  phone: "+358 40 000 0102",
} satisfies RegisterSettingsInput["dpo"];

const register = {
  name: {
    fi: "Maahanmuuttopalveluiden asiakasrekisteri",
    sv: "Invandrartjänsternas klientregister",
    en: "Client register of the immigrant services",
  },
  purpose: {
    fi: "Kotoutumispalvelujen järjestäminen Kotolassa asuville maahanmuuttajille lain edellyttämällä sisällöllä. Kunta vastaa asiakkaiden ohjauksesta ja neuvonnasta, alkukartoituksesta ja kotoutumissuunnitelmasta sekä näiden toteutuksen seurannasta.",
    en: "Organising integration services for immigrants living in Kotola as the law requires. The municipality provides guidance and advice, the initial assessment and the integration plan, and follows up on them.",
  },
} satisfies RegisterSettingsInput["register"];

/** Agencies of DESIGN.md, plus one fictional recipient outside the EU/EEA for the transfer rules. */
const agencies = [
  {
    code: "ely",
    name: "Kotolanmaan ELY-keskus",
    names: {
      sv: "NTM-centralen i Kotolanmaa",
      en: "Kotolanmaa Centre for Economic Development, Transport and the Environment (ELY Centre)",
    },
    insideEea: true,
    deliveryMethod: "secure_email",
    intakeConsent: {
      categories: ["identity", "contact", "residence", "servicePlan"],
      purpose: {
        fi: "Kotoutumispalvelujen järjestäminen ja seuranta",
        sv: "Ordnande och uppföljning av integrationstjänster",
        en: "Organising and following up integration services",
        ar: "تنظيم خدمات الاندماج ومتابعتها",
        uk: "Організація та супровід послуг з інтеграції",
        ru: "Организация и сопровождение услуг по интеграции",
      },
    },
  },
  {
    code: "migri",
    name: "Maahanmuuttovirasto (Migri)",
    names: { sv: "Migrationsverket (Migri)", en: "Finnish Immigration Service (Migri)" },
    insideEea: true,
    deliveryMethod: "secure_email",
  },
  {
    code: "te_office",
    name: "Kotolanmaan TE-toimisto",
    names: { sv: "Kotolanmaa TE-byrå", en: "Kotolanmaa Employment and Economic Development Office (TE Office)" },
    insideEea: true,
    deliveryMethod: "secure_email",
    intakeConsent: {
      categories: ["identity", "contact", "skills", "education", "servicePlan"],
      purpose: {
        fi: "Työnhaku ja työllisyyspalvelut",
        sv: "Arbetssökande och sysselsättningstjänster",
        en: "Job search and employment services",
        ar: "البحث عن عمل وخدمات التوظيف",
        uk: "Пошук роботи та послуги зайнятості",
        ru: "Поиск работы и услуги занятости",
      },
    },
  },
  {
    code: "iom",
    name: "Kansainvälinen siirtolaisjärjestö (IOM), Suomen maatoimisto",
    names: {
      sv: "Internationella organisationen för migration (IOM), landskontoret i Finland",
      en: "International Organization for Migration (IOM), Country Office for Finland",
    },
    insideEea: true,
    deliveryMethod: "secure_email",
  },
  {
    code: "wellbeing_county",
    name: "Kotolanmaan hyvinvointialue",
    names: { sv: "Kotolanmaa välfärdsområde", en: "Kotolanmaa wellbeing services county" },
    insideEea: true,
    deliveryMethod: "secure_email",
    intakeConsent: {
      categories: ["identity", "contact", "family"],
      purpose: {
        fi: "Sosiaali- ja terveyspalvelujen järjestäminen",
        sv: "Ordnande av social- och hälsovårdstjänster",
        en: "Arranging social and health services",
        ar: "ترتيب الخدمات الاجتماعية والصحية",
        uk: "Організація соціальних і медичних послуг",
        ru: "Организация социальных и медицинских услуг",
      },
    },
  },
  {
    code: "education_services",
    name: "Kotolan kunnan sivistyspalvelut",
    names: { sv: "Kotola kommuns bildningstjänster", en: "Kotola municipal education services" },
    insideEea: true,
    deliveryMethod: "in_person",
  },
  {
    code: "farland_resettlement",
    name: "Kaukomaan paluu- ja uudelleensijoitusneuvonta (kuvitteellinen)",
    names: { en: "Farland Return and Resettlement Counselling (fictional, outside the EU/EEA)" },
    insideEea: false,
    deliveryMethod: "paper",
  },
] satisfies RegisterSettingsInput["agencies"];

const obtainFromAuthorities = [
  {
    code: "wellbeing_county",
    name: { fi: "Kotolanmaan hyvinvointialue", en: "Kotolanmaa wellbeing services county" },
    description: {
      fi: "Sosiaali- ja terveyspalveluja koskevat tiedot, joita kotoutumispalvelujen järjestäminen edellyttää.",
      en: "Information on social and health services that organising integration services requires.",
    },
  },
  {
    code: "education_services",
    name: { fi: "Kotolan kunnan kasvatuspalvelut", en: "Kotola municipal early education and schooling services" },
    description: {
      fi: "Varhaiskasvatuksessa ja perusopetuksessa olevien asiakkaiden tiedot.",
      en: "Information on clients in early childhood education and basic education.",
    },
  },
] satisfies RegisterSettingsInput["obtainFromAuthorities"];

const securityPrinciples = {
  fi: "Paperiset suostumukset säilytetään lukitussa kaapissa. Sähköisiä tietoja käsitellään vain henkilökohtaisilla käyttäjätunnuksilla ja tehtävän mukaisilla käyttöoikeuksilla. Jokainen asiakastietojen katselu, muutos ja luovutus kirjataan lokiin. Henkilötunnukset tallennetaan salattuina.",
  en: "Signed paper consents are kept in a locked cabinet. Electronic data is processed only with personal user accounts and access rights that match each person's tasks. Every view, change and disclosure of client data is logged. Personal identity codes are stored encrypted.",
};

const serviceContact = {
  name: { fi: "Kotolan maahanmuuttopalvelut", sv: "Kotola invandrartjänster", en: "Kotola immigrant services" },
  phone: "+358 40 000 0101",
  email: "maahanmuuttopalvelut@kotola.example",
  visitingAddressLines: ["Kotolantie 1 A, 2. kerros", "99990 Kotola"],
  openingHours: {
    fi: "ma–to klo 9–15, pe klo 9–12",
    sv: "mån–tors kl. 9–15, fre kl. 9–12",
    en: "Mon–Thu 9 am – 3 pm, Fri 9 am – 12 noon",
  },
} satisfies RegisterSettingsInput["serviceContact"];

const integrationAct = {
  fi: "Laki kotoutumisen edistämisestä (681/2023)",
  sv: "Lagen om främjande av integration (681/2023)",
  en: "Act on the Promotion of Integration (681/2023)",
};

const receptionAct = {
  fi: "Laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011)",
  en: "Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011)",
};

/** A register on the consent basis, like the first source notice. */
export const demoSettings = {
  controller,
  contact,
  dpo,
  register,
  legalBasis: { kind: "consent", provisions: [] },
  dataSources: [
    {
      fi: "Tiedot saadaan asiakkaalta itseltään asiakastapaamisissa, puhelimitse ja sähköpostitse. Asiakas kirjataan rekisteriin, kun hän on antanut siihen kirjallisen suostumuksen tai hyväksynyt tietojensa tallentamisen sähköisellä asiakastietolomakkeella.",
      en: "Data is received from the clients themselves at meetings, by phone and by e-mail. A client is entered in the register once they have given written consent or accepted the storing of their data in the electronic intake form.",
    },
  ],
  obtainFromAuthorities,
  clientGroups: ["resident", "reception_services", "settlement_services"],
  agencies,
  statutoryDisclosures: [],
  transfersOutsideEea: "written_consent",
  retention: {
    intakeSubmissionDays: 30,
    caseMonthsAfterPurposeEnded: 24,
    permanentDocuments: [],
  },
  securityPrinciples,
  serviceContact,
} satisfies RegisterSettingsInput;

const educationProvisions = {
  fi: "Laki kotoutumisen edistämisestä (681/2023), varhaiskasvatuslaki (540/2018) ja perusopetuslaki (628/1998)",
  en: "Act on the Promotion of Integration (681/2023), Early Childhood Education and Care Act (540/2018) and Basic Education Act (628/1998)",
};

/** The same municipality on the legal-obligation basis, like the second source notice. */
export const demoStatutorySettings = {
  ...demoSettings,
  register: {
    ...register,
    purpose: {
      fi: "Maahanmuuttajapalvelujen lakisääteisten palvelujen tuottaminen sekä toiminnan kehittäminen ja suunnittelu.",
      en: "Providing the statutory immigrant services, and developing and planning them.",
    },
  },
  legalBasis: { kind: "legal_obligation", provisions: [integrationAct, receptionAct] },
  dataSources: [
    {
      fi: "Tiedot saadaan pääsääntöisesti rekisteröidyltä itseltään sekä Digi- ja väestötietovirastolta, poliisilta, Maahanmuuttovirastolta, ELY-keskukselta, TE-palveluilta ja Kansainväliseltä siirtolaisjärjestöltä (IOM).",
      en: "Data is mainly received from the data subjects themselves, and from the Digital and Population Data Services Agency, the police, the Finnish Immigration Service, the ELY Centre, the TE Services and the International Organization for Migration (IOM).",
    },
    {
      fi: "Hyvinvointialueelta ja kunnan kasvatuspalveluilta tietoja saadaan vain asiakkaan suostumuksella.",
      en: "Data from the wellbeing services county and the municipal education services is obtained only with the client's consent.",
    },
  ],
  statutoryDisclosures: [
    {
      agencyCode: "ely",
      provision: integrationAct,
      categories: ["identity", "residence", "family", "servicePlan"],
    },
    {
      agencyCode: "migri",
      provision: integrationAct,
      categories: ["identity", "contact", "residence", "family"],
    },
    {
      agencyCode: "te_office",
      provision: integrationAct,
      categories: ["identity", "contact", "residence", "skills", "education", "servicePlan", "outcomes"],
    },
    {
      agencyCode: "iom",
      provision: integrationAct,
      categories: ["identity", "contact", "residence", "family"],
    },
    {
      agencyCode: "education_services",
      provision: educationProvisions,
      categories: ["identity", "contact", "family", "education"],
      condition: "minors_only",
      purpose: {
        fi: "Varhaiskasvatuksen ja perusopetuksen järjestäminen",
        en: "Organising early childhood education and basic education",
      },
    },
    {
      agencyCode: "wellbeing_county",
      provision: {
        fi: "Laki kotoutumisen edistämisestä (681/2023) ja laki sosiaali- ja terveydenhuollon järjestämisestä (612/2021)",
        en: "Act on the Promotion of Integration (681/2023) and Act on Organising Healthcare and Social Welfare Services (612/2021)",
      },
      categories: ["identity", "contact", "residence", "family", "servicePlan"],
      condition: "purpose_limited",
      purpose: {
        fi: "Sosiaali- ja terveyspalvelujen järjestäminen",
        en: "Organising social and health services",
      },
    },
  ],
  transfersOutsideEea: "forbidden",
  retention: {
    intakeSubmissionDays: 30,
    caseMonthsAfterPurposeEnded: 0,
    permanentDocuments: ["initialAssessment", "integrationPlan"],
    archiveDecision: {
      fi: "Kotoutumiseen liittyvät asiakirjat säilytetään pysyvästi arkistoviranomaisen päätöksen mukaisesti.",
      en: "Integration documents are kept permanently as decided by the archives authority.",
    },
  },
} satisfies RegisterSettingsInput;

/** A consent text to seed: versioned, never edited (a change is a new version). */
export interface ConsentTextInput {
  kind: "storage" | "obtain_data" | "disclosure" | "transfer";
  version: number;
  locale: string;
  body: string;
}

/**
 * The demo's consent texts in plain language. Finnish and English here; the other public
 * languages are added as new rows by the translators.
 */
export const demoConsentTexts: ConsentTextInput[] = [
  {
    kind: "storage",
    version: 1,
    locale: "fi",
    body: [
      "Suostun siihen, että Kotolan kunnan maahanmuuttopalvelut tallentaa tietoni asiakasrekisteriinsä.",
      "",
      "Mitä tallennetaan: nimeni, syntymäaikani ja henkilötunnukseni, yhteystietoni, oleskelulupaani liittyvät tiedot, tiedot perheestäni, osaamisestani, koulutuksestani ja tapaamisistamme sekä alkukartoitus, kotoutumissuunnitelma ja niiden seuranta.",
      "Miksi: jotta saan kotoutumispalveluja, kuten ohjausta ja neuvontaa, alkukartoituksen ja kotoutumissuunnitelman.",
      "Kuka näkee tiedot: vain ne kunnan työntekijät, jotka hoitavat asiaani. Tietojani ei anneta muille ilman erillistä suostumustani.",
      "Kuinka kauan: tiedot poistetaan, kun asiakkuuteni on päättynyt ja rekisteriselosteessa kerrottu säilytysaika on kulunut.",
      "Oikeuteni: saan nähdä tietoni, pyytää niiden korjaamista ja käsittelyn rajoittamista. Voin perua suostumukseni milloin tahansa.",
      "Jos en suostu, saan silti neuvontaa maahanmuuttopalveluista.",
    ].join("\n"),
  },
  {
    kind: "storage",
    version: 1,
    locale: "en",
    body: [
      "I agree that the immigrant services of the Municipality of Kotola store my data in their client register.",
      "",
      "What is stored: my name, date of birth and personal identity code, my contact details, information about my residence permit, my family, my skills, my education and our meetings, and the initial assessment, the integration plan and how they are followed up.",
      "Why: so that I can get integration services, such as guidance and advice, an initial assessment and an integration plan.",
      "Who sees my data: only the municipal staff who handle my case. My data is not given to anyone else without my separate consent.",
      "For how long: my data is deleted when I am no longer a client and the retention period stated in the privacy notice has passed.",
      "My rights: I can see my data and ask for it to be corrected or for its processing to be restricted. I can withdraw my consent at any time.",
      "If I do not agree, I can still get advice from the immigrant services.",
    ].join("\n"),
  },
  {
    kind: "disclosure",
    version: 1,
    locale: "fi",
    body: "Suostun siihen, että Kotolan kunnan maahanmuuttopalvelut antaa yllä mainitulle vastaanottajalle yllä luetellut tietoni yllä kerrottuun tarkoitukseen suostumuksen voimassaoloaikana. Voin perua suostumukseni milloin tahansa; peruminen ei koske jo annettuja tietoja.",
  },
  {
    kind: "disclosure",
    version: 1,
    locale: "en",
    body: "I agree that the immigrant services of the Municipality of Kotola give the recipient named above the data listed above, for the purpose stated above, while this consent is valid. I can withdraw my consent at any time; withdrawing does not cover data already given.",
  },
  {
    kind: "obtain_data",
    version: 1,
    locale: "fi",
    body: "Suostun siihen, että Kotolan kunnan maahanmuuttopalvelut saa yllä mainitulta viranomaiselta yllä kerrotut tietoni kotoutumispalvelujeni järjestämistä varten. Voin perua suostumukseni milloin tahansa.",
  },
  {
    kind: "obtain_data",
    version: 1,
    locale: "en",
    body: "I agree that the immigrant services of the Municipality of Kotola obtain the data described above about me from the authority named above, to organise my integration services. I can withdraw my consent at any time.",
  },
  {
    kind: "transfer",
    version: 1,
    locale: "fi",
    body: "Suostun siihen, että yllä luetellut tietoni siirretään yllä mainitulle vastaanottajalle EU:n tai Euroopan talousalueen ulkopuolelle. Ymmärrän, että siellä tietojani ei välttämättä suojata yhtä hyvin kuin Suomessa.",
  },
  {
    kind: "transfer",
    version: 1,
    locale: "en",
    body: "I agree that the data listed above is transferred to the recipient named above outside the EU or the European Economic Area. I understand that my data may not be protected there as well as in Finland.",
  },
];
