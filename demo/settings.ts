import type { RegisterSettingsInput } from "@/lib/register-settings";
import { defaultRefusalGrounds } from "@/lib/rights/refusal-grounds";

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
  name: {
    fi: "Kotolan kunta",
    sv: "Kotola kommun",
    en: "Municipality of Kotola",
    ar: "بلدية Kotola",
    uk: "Муніципалітет Kotola",
    ru: "Муниципалитет Kotola",
  },
  unit: {
    fi: "Hyvinvointipalvelut, maahanmuuttopalvelut",
    sv: "Välfärdstjänster, invandrartjänster",
    en: "Welfare services, immigrant services",
    ar: "خدمات الرفاه، خدمات المهاجرين",
    uk: "Служби добробуту, служба у справах іммігрантів",
    ru: "Службы социального благополучия, служба по делам иммигрантов",
  },
  addressLines: ["Kotolantie 1", "99990 Kotola"],
  email: "kirjaamo@kotola.example",
  phone: "+358 40 000 0100",
} satisfies RegisterSettingsInput["controller"];

const contact = {
  role: {
    fi: "Maahanmuutto- ja työllisyyskoordinaattori",
    sv: "Invandrings- och sysselsättningskoordinator",
    en: "Immigration and employment coordinator",
    ar: "منسّق شؤون الهجرة والتوظيف",
    uk: "Координатор з питань імміграції та зайнятості",
    ru: "Координатор по вопросам иммиграции и занятости",
  },
  email: "maahanmuuttopalvelut@kotola.example",
  phone: "+358 40 000 0101",
} satisfies RegisterSettingsInput["contact"];

const dpo = {
  role: {
    fi: "Tietosuojavastaava",
    sv: "Dataskyddsombud",
    en: "Data protection officer",
    ar: "مسؤول حماية البيانات",
    uk: "Відповідальний за захист даних",
    ru: "Ответственный за защиту данных",
  },
  email: "tietosuojavastaava@kotola.example",
  phone: "+358 40 000 0102",
} satisfies RegisterSettingsInput["dpo"];

const register = {
  name: {
    fi: "Maahanmuuttopalveluiden asiakasrekisteri",
    sv: "Invandrartjänsternas klientregister",
    en: "Client register of the immigrant services",
    ar: "سجل المستفيدين لدى خدمات المهاجرين",
    uk: "Реєстр клієнтів служби у справах іммігрантів",
    ru: "Реестр клиентов службы по делам иммигрантов",
  },
  purpose: {
    fi: "Kotoutumispalvelujen järjestäminen Kotolassa asuville maahanmuuttajille lain edellyttämällä sisällöllä. Kunta vastaa asiakkaiden ohjauksesta ja neuvonnasta, osaamisen ja kotoutumisen palvelutarpeen arvioinnista ja kotoutumissuunnitelmasta sekä näiden toteutuksen seurannasta.",
    sv: "Att ordna integrationstjänster för invandrare som bor i Kotola så som lagen kräver. Kommunen erbjuder handledning och rådgivning, bedömningen av kompetens och behovet av integrationstjänster och integrationsplanen samt följer upp dem.",
    en: "Organising integration services for immigrants living in Kotola as the law requires. The municipality provides guidance and advice, the assessment of skills and integration service needs and the integration plan, and follows up on them.",
    ar: "تنظيم خدمات الاندماج للمهاجرين المقيمين في Kotola وفق ما يقتضيه القانون. تقدّم البلدية الإرشاد والنصح، وتقييم المهارات والحاجة إلى خدمات الاندماج، وخطة الاندماج، وتتابع تنفيذها.",
    uk: "Організація послуг з інтеграції для іммігрантів, які живуть у муніципалітеті Kotola, як того вимагає закон. Муніципалітет надає супровід і консультування, проводить оцінку навичок і потреби в послугах з інтеграції, складає план інтеграції та відстежує їх виконання.",
    ru: "Организация услуг по интеграции для иммигрантов, проживающих в муниципалитете Kotola, как того требует закон. Муниципалитет предоставляет сопровождение и консультации, проводит оценку навыков и потребности в услугах по интеграции, составляет план интеграции и следит за их выполнением.",
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
      ar: "مركز التنمية الاقتصادية والنقل والبيئة في Kotolanmaa (مركز ELY)",
      uk: "Центр економічного розвитку, транспорту та довкілля Kotolanmaa (Центр ELY)",
      ru: "Центр экономического развития, транспорта и окружающей среды Kotolanmaa (Центр ELY)",
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
    names: {
      sv: "Migrationsverket (Migri)",
      en: "Finnish Immigration Service (Migri)",
      ar: "دائرة الهجرة الفنلندية (Migri)",
      uk: "Міграційна служба Фінляндії (Migri)",
      ru: "Миграционная служба Финляндии (Migri)",
    },
    insideEea: true,
    deliveryMethod: "secure_email",
  },
  {
    code: "te_office",
    name: "Kotolanmaan TE-toimisto",
    names: {
      sv: "Kotolanmaa TE-byrå",
      en: "Kotolanmaa Employment and Economic Development Office (TE Office)",
      ar: "مكتب العمل والتنمية الاقتصادية في Kotolanmaa (مكتب TE)",
      uk: "Бюро зайнятості та економічного розвитку Kotolanmaa (TE-бюро)",
      ru: "Бюро занятости и экономического развития Kotolanmaa (TE-бюро)",
    },
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
      ar: "المنظمة الدولية للهجرة (IOM)، المكتب القطري في فنلندا",
      uk: "Міжнародна організація з міграції (МОМ, IOM), представництво у Фінляндії",
      ru: "Международная организация по миграции (МОМ, IOM), представительство в Финляндии",
    },
    insideEea: true,
    deliveryMethod: "secure_email",
  },
  {
    code: "wellbeing_county",
    name: "Kotolanmaan hyvinvointialue",
    names: {
      sv: "Kotolanmaa välfärdsområde",
      en: "Kotolanmaa wellbeing services county",
      ar: "منطقة خدمات الرفاه في Kotolanmaa (الخدمات الاجتماعية والصحية)",
      uk: "Округ добробуту Kotolanmaa (соціальні та медичні послуги)",
      ru: "Округ благосостояния Kotolanmaa (социальные и медицинские услуги)",
    },
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
    names: {
      sv: "Kotola kommuns bildningstjänster",
      en: "Kotola municipal education services",
      ar: "خدمات التعليم في بلدية Kotola",
      uk: "Служба освіти муніципалітету Kotola",
      ru: "Служба образования муниципалитета Kotola",
    },
    insideEea: true,
    deliveryMethod: "in_person",
  },
  {
    code: "farland_resettlement",
    name: "Kaukomaan paluu- ja uudelleensijoitusneuvonta (kuvitteellinen)",
    names: {
      sv: "Farlands rådgivning om återvändande och vidarebosättning (fiktiv, utanför EU/EES)",
      en: "Farland Return and Resettlement Counselling (fictional, outside the EU/EEA)",
      ar: "مكتب Farland للإرشاد بشأن العودة وإعادة التوطين (جهة خيالية، خارج الاتحاد الأوروبي والمنطقة الاقتصادية الأوروبية)",
      uk: "Консультаційна служба Farland з питань повернення та переселення (вигадана, за межами ЄС/ЄЕЗ)",
      ru: "Консультационная служба Farland по вопросам возвращения и переселения (вымышленная, за пределами ЕС/ЕЭЗ)",
    },
    insideEea: false,
    deliveryMethod: "paper",
  },
] satisfies RegisterSettingsInput["agencies"];

const obtainFromAuthorities = [
  {
    code: "wellbeing_county",
    name: {
      fi: "Kotolanmaan hyvinvointialue",
      sv: "Kotolanmaa välfärdsområde",
      en: "Kotolanmaa wellbeing services county",
      ar: "منطقة خدمات الرفاه في Kotolanmaa (الخدمات الاجتماعية والصحية)",
      uk: "Округ добробуту Kotolanmaa (соціальні та медичні послуги)",
      ru: "Округ благосостояния Kotolanmaa (социальные и медицинские услуги)",
    },
    description: {
      fi: "Sosiaali- ja terveyspalveluja koskevat tiedot, joita kotoutumispalvelujen järjestäminen edellyttää.",
      sv: "Uppgifter om social- och hälsovårdstjänster som behövs för att ordna integrationstjänster.",
      en: "Information on social and health services that organising integration services requires.",
      ar: "معلومات عن الخدمات الاجتماعية والصحية يحتاج إليها تنظيم خدمات الاندماج.",
      uk: "Відомості про соціальні та медичні послуги, потрібні для організації послуг з інтеграції.",
      ru: "Сведения о социальных и медицинских услугах, необходимые для организации услуг по интеграции.",
    },
  },
  {
    code: "education_services",
    name: {
      fi: "Kotolan kunnan kasvatuspalvelut",
      sv: "Kotola kommuns tjänster för småbarnspedagogik och grundläggande utbildning",
      en: "Kotola municipal early education and schooling services",
      ar: "خدمات التعليم المبكر والمدرسي في بلدية Kotola",
      uk: "Служби дошкільної та шкільної освіти муніципалітету Kotola",
      ru: "Службы дошкольного и школьного образования муниципалитета Kotola",
    },
    description: {
      fi: "Varhaiskasvatuksessa ja perusopetuksessa olevien asiakkaiden tiedot.",
      sv: "Uppgifter om klienter inom småbarnspedagogiken och den grundläggande utbildningen.",
      en: "Information on clients in early childhood education and basic education.",
      ar: "معلومات عن المستفيدين الملتحقين بالتعليم والرعاية في مرحلة الطفولة المبكرة أو بالتعليم الأساسي.",
      uk: "Відомості про клієнтів, які здобувають дошкільну або базову освіту.",
      ru: "Сведения о клиентах, которые получают дошкольное или основное образование.",
    },
  },
] satisfies RegisterSettingsInput["obtainFromAuthorities"];

const securityPrinciples = {
  fi: "Paperiset suostumukset säilytetään lukitussa kaapissa. Sähköisiä tietoja käsitellään vain henkilökohtaisilla käyttäjätunnuksilla ja tehtävän mukaisilla käyttöoikeuksilla. Jokainen asiakastietojen katselu, muutos ja luovutus kirjataan lokiin. Henkilötunnukset tallennetaan salattuina.",
  sv: "Undertecknade samtycken på papper förvaras i ett låst skåp. Elektroniska uppgifter behandlas endast med personliga användarkonton och med behörigheter som motsvarar var och ens arbetsuppgifter. Varje gång klientuppgifter visas, ändras eller lämnas ut registreras det i en logg. Personbeteckningar lagras krypterade.",
  en: "Signed paper consents are kept in a locked cabinet. Electronic data is processed only with personal user accounts and access rights that match each person's tasks. Every view, change and disclosure of client data is logged. Personal identity codes are stored encrypted.",
  ar: "تُحفظ الموافقات الورقية الموقّعة في خزانة مقفلة. لا تُعالَج البيانات الإلكترونية إلا بحسابات مستخدمين شخصية وبصلاحيات وصول تناسب مهام كل موظف. يُسجَّل كل اطلاع على بيانات المستفيدين وكل تغيير فيها وكل إفصاح عنها. وتُحفظ أرقام الهوية الشخصية مشفّرة.",
  uk: "Підписані паперові згоди зберігаються в зачиненій шафі. Електронні дані обробляються лише через особисті облікові записи та з правами доступу, що відповідають завданням кожного працівника. Кожен перегляд, зміна і передача даних клієнтів записуються в журнал. Особисті ідентифікаційні коди зберігаються в зашифрованому вигляді.",
  ru: "Подписанные бумажные согласия хранятся в запертом шкафу. Электронные данные обрабатываются только через личные учётные записи и с правами доступа, которые соответствуют задачам каждого сотрудника. Каждый просмотр, изменение и передача данных клиентов записываются в журнал. Личные идентификационные коды хранятся в зашифрованном виде.",
};

const serviceContact = {
  name: {
    fi: "Kotolan maahanmuuttopalvelut",
    sv: "Kotola invandrartjänster",
    en: "Kotola immigrant services",
    ar: "خدمات المهاجرين في Kotola",
    uk: "Служба у справах іммігрантів муніципалітету Kotola",
    ru: "Служба по делам иммигрантов муниципалитета Kotola",
  },
  phone: "+358 40 000 0101",
  email: "maahanmuuttopalvelut@kotola.example",
  visitingAddressLines: ["Kotolantie 1 A, 2. kerros", "99990 Kotola"],
  openingHours: {
    fi: "ma–to klo 9–15, pe klo 9–12",
    sv: "mån–tors kl. 9–15, fre kl. 9–12",
    en: "Mon–Thu 9 am – 3 pm, Fri 9 am – 12 noon",
    ar: "من الاثنين إلى الخميس 9:00–15:00، الجمعة 9:00–12:00",
    uk: "пн–чт 9:00–15:00, пт 9:00–12:00",
    ru: "пн–чт 9:00–15:00, пт 9:00–12:00",
  },
} satisfies RegisterSettingsInput["serviceContact"];

const integrationAct = {
  fi: "Laki kotoutumisen edistämisestä (681/2023)",
  sv: "Lagen om främjande av integration (681/2023)",
  en: "Act on the Promotion of Integration (681/2023)",
  ar: "قانون تعزيز الاندماج (681/2023)",
  uk: "Закон про сприяння інтеграції (681/2023)",
  ru: "Закон о содействии интеграции (681/2023)",
};

const receptionAct = {
  fi: "Laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin tunnistamisesta ja auttamisesta (746/2011)",
  sv: "Lagen om mottagande av personer som söker internationellt skydd och om identifiering av och hjälp till offer för människohandel (746/2011)",
  en: "Act on the Reception of Persons Applying for International Protection and on the Identification of and Assistance to Victims of Trafficking in Human Beings (746/2011)",
  ar: "قانون استقبال طالبي الحماية الدولية وتحديد ضحايا الاتجار بالبشر ومساعدتهم (746/2011)",
  uk: "Закон про прийом осіб, які шукають міжнародного захисту, та про виявлення жертв торгівлі людьми і допомогу їм (746/2011)",
  ru: "Закон о приёме лиц, ищущих международной защиты, а также о выявлении жертв торговли людьми и помощи им (746/2011)",
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
      sv: "Uppgifterna fås av klienterna själva vid möten, per telefon och per e-post. En klient förs in i registret när klienten har gett sitt skriftliga samtycke eller har godkänt att uppgifterna sparas på den elektroniska blanketten.",
      en: "Data is received from the clients themselves at meetings, by phone and by e-mail. A client is entered in the register once they have given written consent or accepted the storing of their data in the electronic intake form.",
      ar: "نحصل على البيانات من المستفيدين أنفسهم في اللقاءات وعبر الهاتف والبريد الإلكتروني. ويُسجَّل المستفيد في السجل بعد أن يعطي موافقته الكتابية أو يوافق على حفظ بياناته في النموذج الإلكتروني.",
      uk: "Дані отримують від самих клієнтів під час зустрічей, телефоном та електронною поштою. Клієнта вносять до реєстру після того, як він дав письмову згоду або погодився на збереження своїх даних в електронній формі.",
      ru: "Данные получают от самих клиентов на встречах, по телефону и по электронной почте. Клиента вносят в реестр после того, как он дал письменное согласие или согласился на хранение своих данных в электронной форме.",
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
    intakeDraftIdleMinutes: 20,
  },
  // The audit view's unusual-access list: a caseworker's day rarely opens more than a dozen cases.
  auditReview: { distinctClientsViewedPerDay: 25, failedSignInsPerDay: 5 },
  securityPrinciples,
  serviceContact,
} satisfies RegisterSettingsInput;

const educationProvisions = {
  fi: "Laki kotoutumisen edistämisestä (681/2023), varhaiskasvatuslaki (540/2018) ja perusopetuslaki (628/1998)",
  sv: "Lagen om främjande av integration (681/2023), lagen om småbarnspedagogik (540/2018) och lagen om grundläggande utbildning (628/1998)",
  en: "Act on the Promotion of Integration (681/2023), Early Childhood Education and Care Act (540/2018) and Basic Education Act (628/1998)",
  ar: "قانون تعزيز الاندماج (681/2023)، وقانون التعليم والرعاية في مرحلة الطفولة المبكرة (540/2018)، وقانون التعليم الأساسي (628/1998)",
  uk: "Закон про сприяння інтеграції (681/2023), Закон про дошкільну освіту та догляд (540/2018) і Закон про базову освіту (628/1998)",
  ru: "Закон о содействии интеграции (681/2023), Закон о дошкольном воспитании и образовании (540/2018) и Закон об основном образовании (628/1998)",
};

/** The same municipality on the legal-obligation basis, like the second source notice. */
export const demoStatutorySettings = {
  ...demoSettings,
  register: {
    ...register,
    purpose: {
      fi: "Maahanmuuttajapalvelujen lakisääteisten palvelujen tuottaminen sekä toiminnan kehittäminen ja suunnittelu.",
      sv: "Att tillhandahålla de lagstadgade invandrartjänsterna samt att utveckla och planera dem.",
      en: "Providing the statutory immigrant services, and developing and planning them.",
      ar: "تقديم خدمات المهاجرين التي ينص عليها القانون، وتطويرها والتخطيط لها.",
      uk: "Надання передбачених законом послуг для іммігрантів, а також їх розвиток і планування.",
      ru: "Предоставление предусмотренных законом услуг для иммигрантов, а также их развитие и планирование.",
    },
  },
  legalBasis: { kind: "legal_obligation", provisions: [integrationAct, receptionAct] },
  // The statutory duty, naming the acts this register rests on, beside the general grounds.
  refusalGrounds: [
    ...defaultRefusalGrounds,
    {
      code: "integration_documents_kept",
      provision: {
        fi: "Laki kotoutumisen edistämisestä (681/2023) ja arkistolaki (831/1994)",
        sv: "Lagen om främjande av integration (681/2023) och arkivlagen (831/1994)",
        en: "Act on the Promotion of Integration (681/2023) and Archives Act (831/1994)",
        ar: "قانون تعزيز الاندماج (681/2023) وقانون الأرشيف (831/1994)",
        uk: "Закон про сприяння інтеграції (681/2023) і Закон про архіви (831/1994)",
        ru: "Закон о содействии интеграции (681/2023) и Закон об архивах (831/1994)",
      },
      text: {
        fi: "Kunnan on lain mukaan laadittava ja säilytettävä osaamisen ja kotoutumisen palvelutarpeen arviointi ja kotoutumissuunnitelma; ne säilytetään pysyvästi.",
        sv: "Kommunen ska enligt lag upprätta och bevara bedömningen av kompetens och behovet av integrationstjänster och integrationsplanen; de bevaras varaktigt.",
        en: "The law requires the municipality to draw up and keep the assessment of skills and integration service needs and the integration plan; they are kept permanently.",
        ar: "يُلزم القانون البلدية بإعداد تقييم المهارات والحاجة إلى خدمات الاندماج وخطة الاندماج والاحتفاظ بهما؛ ويُحفظان بشكل دائم.",
        uk: "Закон зобов’язує муніципалітет складати та зберігати оцінку навичок і потреби в послугах з інтеграції та план інтеграції; вони зберігаються постійно.",
        ru: "Закон обязывает муниципалитет составлять и хранить оценку навыков и потребности в услугах по интеграции и план интеграции; они хранятся постоянно.",
      },
      statutoryDuty: true,
    },
  ],
  dataSources: [
    {
      fi: "Tiedot saadaan pääsääntöisesti rekisteröidyltä itseltään sekä Digi- ja väestötietovirastolta, poliisilta, Maahanmuuttovirastolta, ELY-keskukselta, TE-palveluilta ja Kansainväliseltä siirtolaisjärjestöltä (IOM).",
      sv: "Uppgifterna fås i huvudsak av de registrerade själva samt av Myndigheten för digitalisering och befolkningsdata, polisen, Migrationsverket, NTM-centralen, TE-tjänsterna och Internationella organisationen för migration (IOM).",
      en: "Data is mainly received from the data subjects themselves, and from the Digital and Population Data Services Agency, the police, the Finnish Immigration Service, the ELY Centre, the TE Services and the International Organization for Migration (IOM).",
      ar: "نحصل على البيانات في الغالب من أصحابها أنفسهم، ومن هيئة الخدمات الرقمية وبيانات السكان، والشرطة، ودائرة الهجرة الفنلندية، ومركز ELY، وخدمات TE، والمنظمة الدولية للهجرة (IOM).",
      uk: "Дані здебільшого отримують від самих осіб, яких вони стосуються, а також від Агентства цифрових послуг і даних про населення, поліції, Міграційної служби Фінляндії, Центру ELY, служб TE та Міжнародної організації з міграції (МОМ, IOM).",
      ru: "Данные в основном получают от самих лиц, к которым они относятся, а также от Агентства цифровых услуг и данных о населении, полиции, Миграционной службы Финляндии, Центра ELY, служб TE и Международной организации по миграции (МОМ, IOM).",
    },
    {
      fi: "Hyvinvointialueelta ja kunnan kasvatuspalveluilta tietoja saadaan vain asiakkaan suostumuksella.",
      sv: "Uppgifter från välfärdsområdet och kommunens bildningstjänster fås endast med klientens samtycke.",
      en: "Data from the wellbeing services county and the municipal education services is obtained only with the client's consent.",
      ar: "لا نحصل على البيانات من منطقة خدمات الرفاه ومن خدمات التعليم في البلدية إلا بموافقة المستفيد.",
      uk: "Дані від округу добробуту та служби освіти муніципалітету отримують лише за згодою клієнта.",
      ru: "Данные от округа благосостояния и службы образования муниципалитета получают только с согласия клиента.",
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
        sv: "Ordnande av småbarnspedagogik och grundläggande utbildning",
        en: "Organising early childhood education and basic education",
        ar: "تنظيم التعليم والرعاية في مرحلة الطفولة المبكرة والتعليم الأساسي",
        uk: "Організація дошкільної та базової освіти",
        ru: "Организация дошкольного и основного образования",
      },
    },
    {
      agencyCode: "wellbeing_county",
      provision: {
        fi: "Laki kotoutumisen edistämisestä (681/2023) ja laki sosiaali- ja terveydenhuollon järjestämisestä (612/2021)",
        sv: "Lagen om främjande av integration (681/2023) och lagen om ordnande av social- och hälsovård (612/2021)",
        en: "Act on the Promotion of Integration (681/2023) and Act on Organising Healthcare and Social Welfare Services (612/2021)",
        ar: "قانون تعزيز الاندماج (681/2023) وقانون تنظيم الرعاية الصحية والخدمات الاجتماعية (612/2021)",
        uk: "Закон про сприяння інтеграції (681/2023) і Закон про організацію медичних і соціальних послуг (612/2021)",
        ru: "Закон о содействии интеграции (681/2023) и Закон об организации здравоохранения и социального обеспечения (612/2021)",
      },
      categories: ["identity", "contact", "residence", "family", "servicePlan"],
      condition: "purpose_limited",
      purpose: {
        fi: "Sosiaali- ja terveyspalvelujen järjestäminen",
        sv: "Ordnande av social- och hälsovårdstjänster",
        en: "Organising social and health services",
        ar: "تنظيم الخدمات الاجتماعية والصحية",
        uk: "Організація соціальних і медичних послуг",
        ru: "Организация социальных и медицинских услуг",
      },
    },
  ],
  transfersOutsideEea: "forbidden",
  retention: {
    intakeSubmissionDays: 30,
    caseMonthsAfterPurposeEnded: 0,
    permanentDocuments: ["initialAssessment", "integrationPlan"],
    intakeDraftIdleMinutes: 20,
    archiveDecision: {
      fi: "Kotoutumiseen liittyvät asiakirjat säilytetään pysyvästi arkistoviranomaisen päätöksen mukaisesti.",
      sv: "Handlingar som gäller integration förvaras varaktigt enligt arkivmyndighetens beslut.",
      en: "Integration documents are kept permanently as decided by the archives authority.",
      ar: "تُحفظ الوثائق المتعلقة بالاندماج بشكل دائم وفق قرار هيئة الأرشيف.",
      uk: "Документи, пов’язані з інтеграцією, зберігаються постійно згідно з рішенням архівного органу.",
      ru: "Документы, связанные с интеграцией, хранятся постоянно в соответствии с решением архивного органа.",
    },
  },
} satisfies RegisterSettingsInput;
