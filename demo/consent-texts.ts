import type { ConsentTextInput } from "@/db/settings";

/**
 * The demo's consent texts in plain language, in all six public languages (fi, sv, en, ar, uk,
 * ru): the intake form shows each text in the person's own language. Every translation follows
 * the English body line by line; a change to any of them is a new version.
 */
const versionOne: ConsentTextInput[] = [
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
    kind: "storage",
    version: 1,
    locale: "sv",
    body: [
      "Jag samtycker till att Kotola kommuns invandrartjänster sparar mina uppgifter i sitt klientregister.",
      "",
      "Vad som sparas: mitt namn, mitt födelsedatum och min personbeteckning, mina kontaktuppgifter, uppgifter om mitt uppehållstillstånd, min familj, min kompetens, min utbildning och våra möten samt den inledande kartläggningen, integrationsplanen och uppföljningen av dem.",
      "Varför: för att jag ska få integrationstjänster, till exempel handledning och rådgivning, en inledande kartläggning och en integrationsplan.",
      "Vem ser uppgifterna: endast de anställda vid kommunen som sköter mitt ärende. Mina uppgifter lämnas inte ut till någon annan utan mitt separata samtycke.",
      "Hur länge: mina uppgifter raderas när jag inte längre är klient och den förvaringstid som anges i dataskyddsbeskrivningen har gått ut.",
      "Mina rättigheter: jag får se mina uppgifter och begära att de rättas eller att behandlingen av dem begränsas. Jag kan när som helst återkalla mitt samtycke.",
      "Om jag inte samtycker kan jag ändå få rådgivning av invandrartjänsterna.",
    ].join("\n"),
  },
  {
    kind: "storage",
    version: 1,
    locale: "ar",
    body: [
      "أوافق على أن تحفظ خدمات المهاجرين في بلدية Kotola بياناتي في سجل المستفيدين لديها.",
      "",
      "ما الذي يُحفظ: اسمي، وتاريخ ميلادي، ورقم هويتي الشخصية، وبيانات الاتصال بي، ومعلومات عن تصريح إقامتي وعائلتي ومهاراتي وتعليمي ولقاءاتنا، بالإضافة إلى التقييم الأولي وخطة الاندماج ومتابعتهما.",
      "لماذا: لكي أحصل على خدمات الاندماج، مثل الإرشاد والنصح، والتقييم الأولي، وخطة الاندماج.",
      "من يطّلع على بياناتي: موظفو البلدية الذين يتابعون ملفي فقط. لا تُعطى بياناتي لأي جهة أخرى دون موافقة منفصلة مني.",
      "إلى متى: تُحذف بياناتي عندما ينتهي ملفي لدى الخدمات وتنقضي مدة الحفظ المذكورة في إشعار الخصوصية.",
      "حقوقي: يمكنني أن أطّلع على بياناتي، وأن أطلب تصحيحها أو تقييد معالجتها. ويمكنني سحب موافقتي في أي وقت.",
      "إذا لم أوافق، يمكنني مع ذلك الحصول على المشورة من خدمات المهاجرين.",
    ].join("\n"),
  },
  {
    kind: "storage",
    version: 1,
    locale: "uk",
    body: [
      "Я погоджуюся, щоб служба у справах іммігрантів муніципалітету Kotola зберігала мої дані у своєму реєстрі клієнтів.",
      "",
      "Що зберігається: моє ім’я, дата народження та особистий ідентифікаційний код, мої контактні дані, відомості про мій дозвіл на проживання, мою сім’ю, мої навички, мою освіту та наші зустрічі, а також первинна оцінка, план інтеграції та відстеження їх виконання.",
      "Навіщо: щоб мені надавали послуги з інтеграції, як-от супровід і консультування, первинну оцінку та план інтеграції.",
      "Хто бачить мої дані: лише ті працівники муніципалітету, які займаються моєю справою. Мої дані не передаються нікому іншому без моєї окремої згоди.",
      "Як довго: мої дані видаляються, коли я перестаю бути клієнтом і минає строк зберігання, зазначений в інформації про захист персональних даних.",
      "Мої права: я можу переглянути свої дані й попросити виправити їх або обмежити їх обробку. Я можу будь-коли відкликати свою згоду.",
      "Якщо я не погоджуюся, я все одно можу отримати консультацію в службі у справах іммігрантів.",
    ].join("\n"),
  },
  {
    kind: "storage",
    version: 1,
    locale: "ru",
    body: [
      "Я даю согласие на то, чтобы служба по делам иммигрантов муниципалитета Kotola хранила мои данные в своём реестре клиентов.",
      "",
      "Что хранится: моё имя, дата рождения и личный идентификационный код, мои контактные данные, сведения о моём виде на жительство, моей семье, моих навыках, моём образовании и наших встречах, а также первичная оценка, план интеграции и отслеживание их выполнения.",
      "Зачем: чтобы мне предоставляли услуги по интеграции, например сопровождение и консультации, первичную оценку и план интеграции.",
      "Кто видит мои данные: только те сотрудники муниципалитета, которые занимаются моим делом. Мои данные не передаются никому другому без моего отдельного согласия.",
      "Как долго: мои данные удаляются, когда я перестаю быть клиентом и истекает срок хранения, указанный в сведениях о защите персональных данных.",
      "Мои права: я могу посмотреть свои данные и попросить исправить их или ограничить их обработку. Я могу в любое время отозвать своё согласие.",
      "Если я не даю согласия, я всё равно могу получить консультацию в службе по делам иммигрантов.",
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
    kind: "disclosure",
    version: 1,
    locale: "sv",
    body: "Jag samtycker till att Kotola kommuns invandrartjänster lämnar ut de uppgifter om mig som räknas upp ovan till den mottagare som nämns ovan, för det ändamål som anges ovan, så länge samtycket är giltigt. Jag kan när som helst återkalla mitt samtycke; återkallelsen gäller inte uppgifter som redan har lämnats ut.",
  },
  {
    kind: "disclosure",
    version: 1,
    locale: "ar",
    body: "أوافق على أن تعطي خدمات المهاجرين في بلدية Kotola بياناتي المذكورة أعلاه للجهة المذكورة أعلاه، للغرض المذكور أعلاه، ما دامت هذه الموافقة سارية. يمكنني سحب موافقتي في أي وقت؛ ولا يشمل السحب البيانات التي أُعطيت من قبل.",
  },
  {
    kind: "disclosure",
    version: 1,
    locale: "uk",
    body: "Я погоджуюся, щоб служба у справах іммігрантів муніципалітету Kotola передавала зазначеному вище одержувачу перелічені вище мої дані з метою, вказаною вище, поки ця згода чинна. Я можу будь-коли відкликати свою згоду; відкликання не стосується даних, які вже передано.",
  },
  {
    kind: "disclosure",
    version: 1,
    locale: "ru",
    body: "Я даю согласие на то, чтобы служба по делам иммигрантов муниципалитета Kotola передавала указанному выше получателю перечисленные выше мои данные для цели, указанной выше, пока это согласие действует. Я могу в любое время отозвать своё согласие; отзыв не распространяется на данные, которые уже переданы.",
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
    kind: "obtain_data",
    version: 1,
    locale: "sv",
    body: "Jag samtycker till att Kotola kommuns invandrartjänster får de uppgifter om mig som beskrivs ovan från den myndighet som nämns ovan, för att ordna mina integrationstjänster. Jag kan när som helst återkalla mitt samtycke.",
  },
  {
    kind: "obtain_data",
    version: 1,
    locale: "ar",
    body: "أوافق على أن تحصل خدمات المهاجرين في بلدية Kotola على بياناتي الموصوفة أعلاه من الجهة الرسمية المذكورة أعلاه، لتنظيم خدمات الاندماج الخاصة بي. يمكنني سحب موافقتي في أي وقت.",
  },
  {
    kind: "obtain_data",
    version: 1,
    locale: "uk",
    body: "Я погоджуюся, щоб служба у справах іммігрантів муніципалітету Kotola отримувала описані вище дані про мене від зазначеного вище органу, щоб організувати для мене послуги з інтеграції. Я можу будь-коли відкликати свою згоду.",
  },
  {
    kind: "obtain_data",
    version: 1,
    locale: "ru",
    body: "Я даю согласие на то, чтобы служба по делам иммигрантов муниципалитета Kotola получала описанные выше данные обо мне от указанного выше органа, чтобы организовать для меня услуги по интеграции. Я могу в любое время отозвать своё согласие.",
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
  {
    kind: "transfer",
    version: 1,
    locale: "sv",
    body: "Jag samtycker till att de uppgifter som räknas upp ovan överförs till den mottagare som nämns ovan utanför EU eller Europeiska ekonomiska samarbetsområdet. Jag förstår att mina uppgifter där inte nödvändigtvis skyddas lika väl som i Finland.",
  },
  {
    kind: "transfer",
    version: 1,
    locale: "ar",
    body: "أوافق على نقل البيانات المذكورة أعلاه إلى الجهة المذكورة أعلاه خارج الاتحاد الأوروبي أو المنطقة الاقتصادية الأوروبية. وأفهم أن بياناتي قد لا تكون محمية هناك بالقدر نفسه كما في فنلندا.",
  },
  {
    kind: "transfer",
    version: 1,
    locale: "uk",
    body: "Я погоджуюся, щоб перелічені вище дані було передано зазначеному вище одержувачу за межі ЄС або Європейської економічної зони. Я розумію, що там мої дані можуть бути захищені не так добре, як у Фінляндії.",
  },
  {
    kind: "transfer",
    version: 1,
    locale: "ru",
    body: "Я даю согласие на передачу перечисленных выше данных указанному выше получателю за пределы ЕС или Европейской экономической зоны. Я понимаю, что там мои данные могут быть защищены не так надёжно, как в Финляндии.",
  },
];

/**
 * Version 2 of the storage text, word for word version 1 except the assessment's name: since
 * 1.1.2025 it is the assessment of skills and integration service needs (osaamisen ja kotoutumisen
 * palvelutarpeen arviointi, Act 681/2023 §14), no longer the initial assessment (alkukartoitus).
 * A changed text is a new version: the consents given on version 1 keep naming the text they were shown.
 */
export const assessmentRenamedInVersionTwo: Record<string, readonly (readonly [string, string])[]> = {
  fi: [
    ["alkukartoituksen", "osaamisen ja kotoutumisen palvelutarpeen arvioinnin"],
    ["alkukartoitus", "osaamisen ja kotoutumisen palvelutarpeen arviointi"],
  ],
  sv: [
    ["den inledande kartläggningen", "bedömningen av min kompetens och mitt behov av integrationstjänster"],
    ["en inledande kartläggning", "en bedömning av min kompetens och mitt behov av integrationstjänster"],
  ],
  en: [
    ["the initial assessment", "the assessment of my skills and integration service needs"],
    ["an initial assessment", "an assessment of my skills and integration service needs"],
  ],
  ar: [["التقييم الأولي", "تقييم مهاراتي واحتياجي إلى خدمات الاندماج"]],
  uk: [
    ["первинна оцінка", "оцінка моїх навичок і потреби в послугах з інтеграції"],
    ["первинну оцінку", "оцінку моїх навичок і потреби в послугах з інтеграції"],
  ],
  ru: [
    ["первичная оценка", "оценка моих навыков и потребности в услугах по интеграции"],
    ["первичную оценку", "оценку моих навыков и потребности в услугах по интеграции"],
  ],
};

function versionTwo(text: ConsentTextInput): ConsentTextInput {
  const body = (assessmentRenamedInVersionTwo[text.locale] ?? []).reduce((renamed, [from, to]) => renamed.replaceAll(from, to), text.body);
  return { ...text, version: 2, body };
}

export const demoConsentTexts: ConsentTextInput[] = [...versionOne, ...versionOne.filter((text) => text.kind === "storage").map(versionTwo)];
