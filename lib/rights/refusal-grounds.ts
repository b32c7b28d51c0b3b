/**
 * The grounds a refusal certificate may give (DESIGN.md rule 6; Data Protection Act 1050/2018 §34,
 * GDPR Arts 12(5), 15(4), 17(3)): the default list of the register settings' `refusalGrounds`,
 * which a deployment may replace. Each ground names its provision and says it in the six public
 * languages, since the person reads the certificate in theirs. `statutoryDuty` marks the controller's
 * legal duty to process, which a register on the legal-obligation basis must be able to cite when
 * it refuses an erasure or an objection (lib/register-settings.ts checks it is there).
 */

export const defaultRefusalGrounds = [
  {
    code: "manifestly_unfounded",
    provision: {
      fi: "EU:n yleinen tietosuoja-asetus (2016/679), 12 artiklan 5 kohta",
      sv: "EU:s allmänna dataskyddsförordning (2016/679), artikel 12.5",
      en: "General Data Protection Regulation (EU) 2016/679, Article 12(5)",
      ar: "اللائحة العامة لحماية البيانات (الاتحاد الأوروبي) 2016/679، المادة 12(5)",
      uk: "Загальний регламент ЄС про захист даних (2016/679), стаття 12(5)",
      ru: "Общий регламент ЕС по защите данных (2016/679), статья 12(5)",
    },
    text: {
      fi: "Pyyntö on ilmeisen perusteeton tai kohtuuton, erityisesti toistuvan luonteensa vuoksi.",
      sv: "Begäran är uppenbart ogrundad eller orimlig, särskilt på grund av att den upprepas.",
      en: "The request is manifestly unfounded or excessive, in particular because it is repeated.",
      ar: "الطلب لا أساس له بشكل واضح أو مفرط، لا سيما بسبب تكراره.",
      uk: "Запит явно необґрунтований або надмірний, зокрема через те, що він повторюється.",
      ru: "Запрос явно необоснован или чрезмерен, в частности потому, что он повторяется.",
    },
    statutoryDuty: false,
  },
  {
    code: "rights_of_others",
    provision: {
      fi: "EU:n yleinen tietosuoja-asetus (2016/679), 15 artiklan 4 kohta",
      sv: "EU:s allmänna dataskyddsförordning (2016/679), artikel 15.4",
      en: "General Data Protection Regulation (EU) 2016/679, Article 15(4)",
      ar: "اللائحة العامة لحماية البيانات (الاتحاد الأوروبي) 2016/679، المادة 15(4)",
      uk: "Загальний регламент ЄС про захист даних (2016/679), стаття 15(4)",
      ru: "Общий регламент ЕС по защите данных (2016/679), статья 15(4)",
    },
    text: {
      fi: "Tietojen antaminen vaikuttaisi haitallisesti muiden henkilöiden oikeuksiin ja vapauksiin.",
      sv: "Att lämna ut uppgifterna skulle inverka menligt på andra personers rättigheter och friheter.",
      en: "Giving the data would adversely affect the rights and freedoms of other people.",
      ar: "إعطاء البيانات سيؤثر سلبًا على حقوق أشخاص آخرين وحرياتهم.",
      uk: "Надання даних негативно вплинуло б на права і свободи інших людей.",
      ru: "Предоставление данных отрицательно повлияло бы на права и свободы других людей.",
    },
    statutoryDuty: false,
  },
  {
    code: "serious_danger",
    provision: {
      fi: "Tietosuojalaki (1050/2018), 34 §:n 1 momentti",
      sv: "Dataskyddslagen (1050/2018), 34 § 1 mom.",
      en: "Data Protection Act (1050/2018), section 34(1)",
      ar: "قانون حماية البيانات الفنلندي (1050/2018)، المادة 34(1)",
      uk: "Закон Фінляндії про захист даних (1050/2018), § 34(1)",
      ru: "Закон Финляндии о защите данных (1050/2018), § 34(1)",
    },
    text: {
      fi: "Tietojen antamisesta voisi aiheutua vakavaa vaaraa rekisteröidyn terveydelle tai hoidolle taikka jonkun muun oikeuksille.",
      sv: "Att lämna ut uppgifterna kunde medföra allvarlig fara för den registrerades hälsa eller vård eller för någon annans rättigheter.",
      en: "Giving the data could seriously endanger the health or care of the data subject, or the rights of someone else.",
      ar: "قد يعرّض إعطاء البيانات صحةَ صاحب البيانات أو رعايته، أو حقوقَ شخص آخر، لخطر جسيم.",
      uk: "Надання даних могло б створити серйозну загрозу здоров’ю чи лікуванню особи, якої стосуються дані, або правам іншої людини.",
      ru: "Предоставление данных могло бы создать серьёзную угрозу здоровью или лечению лица, к которому относятся данные, либо правам другого человека.",
    },
    statutoryDuty: false,
  },
  {
    code: "statutory_duty",
    provision: {
      fi: "EU:n yleinen tietosuoja-asetus (2016/679), 6 artiklan 1 kohdan c alakohta ja 17 artiklan 3 kohdan b alakohta",
      sv: "EU:s allmänna dataskyddsförordning (2016/679), artikel 6.1 c och artikel 17.3 b",
      en: "General Data Protection Regulation (EU) 2016/679, Articles 6(1)(c) and 17(3)(b)",
      ar: "اللائحة العامة لحماية البيانات (الاتحاد الأوروبي) 2016/679، المادة 6(1)(ج) والمادة 17(3)(ب)",
      uk: "Загальний регламент ЄС про захист даних (2016/679), стаття 6(1)(c) і стаття 17(3)(b)",
      ru: "Общий регламент ЕС по защите данных (2016/679), статья 6(1)(c) и статья 17(3)(b)",
    },
    text: {
      fi: "Rekisterinpitäjällä on lakisääteinen velvollisuus käsitellä ja säilyttää tiedot, joten niitä ei voida poistaa eikä niiden käsittelyä lopettaa.",
      sv: "Den personuppgiftsansvarige har en lagstadgad skyldighet att behandla och bevara uppgifterna, och därför kan de inte raderas och behandlingen kan inte upphöra.",
      en: "The controller has a statutory duty to process and keep the data, so it cannot be erased nor its processing stopped.",
      ar: "على المسؤول عن المعالجة التزام قانوني بمعالجة البيانات والاحتفاظ بها، ولذلك لا يمكن حذفها ولا إيقاف معالجتها.",
      uk: "Контролер зобов’язаний законом обробляти та зберігати дані, тому їх не можна видалити, а їх обробку — припинити.",
      ru: "Контролёр обязан по закону обрабатывать и хранить данные, поэтому их нельзя удалить, а их обработку — прекратить.",
    },
    statutoryDuty: true,
  },
  {
    code: "legal_claims",
    provision: {
      fi: "EU:n yleinen tietosuoja-asetus (2016/679), 17 artiklan 3 kohdan e alakohta",
      sv: "EU:s allmänna dataskyddsförordning (2016/679), artikel 17.3 e",
      en: "General Data Protection Regulation (EU) 2016/679, Article 17(3)(e)",
      ar: "اللائحة العامة لحماية البيانات (الاتحاد الأوروبي) 2016/679، المادة 17(3)(هـ)",
      uk: "Загальний регламент ЄС про захист даних (2016/679), стаття 17(3)(e)",
      ru: "Общий регламент ЕС по защите данных (2016/679), статья 17(3)(e)",
    },
    text: {
      fi: "Tietoja tarvitaan oikeudellisen vaateen laatimiseen, esittämiseen tai puolustamiseen.",
      sv: "Uppgifterna behövs för att fastställa, göra gällande eller försvara rättsliga anspråk.",
      en: "The data is needed to establish, exercise or defend legal claims.",
      ar: "البيانات لازمة لإثبات مطالبات قانونية أو ممارستها أو الدفاع عنها.",
      uk: "Дані потрібні для встановлення, здійснення або захисту правових вимог.",
      ru: "Данные необходимы для установления, осуществления или защиты правовых требований.",
    },
    statutoryDuty: false,
  },
] as const;
