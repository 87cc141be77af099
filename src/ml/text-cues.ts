/**
 * Word groups that tell whose life a sentence is about, for the text models (text-features.ts):
 * hashed n-grams learn words one by one, while a group is one feature shared by all its words in all
 * three languages, so that "my team shipped", "tiimimme julkaisi" and "timu yetu imezindua" (the
 * writer and work) read alike, as do "my sister's boss" (someone else and work) and "our team won"
 * (the writer and sport), also for words the training sentences never used.
 *
 * Entries are folded as the featuriser folds words (lower case, no accents: ä is a, ö is o, no
 * apostrophes or hyphens). `word` matches the word itself, `stem*` any word it begins (Finnish cases
 * and compounds: tiimi* is tiimissä, tiimimme), `*part*` any word containing it (Swahili verbs carry
 * prefixes: *zindua* is imezindua, tumezindua).
 */

export const CUE_GROUPS = ['self', 'you', 'work', 'other', 'sport', 'fiction', 'home'] as const;
export type CueGroup = (typeof CUE_GROUPS)[number];

const LEXICON: Record<CueGroup, string> = {
  /** The writer: first-person pronouns and possessives, Finnish spoken forms (mä, mun, oon), Swahili possessives and the verb prefixes ni-/tu- with a tense (nime-, tuna-). */
  self: `i im ive ill id me my mine myself we weve our ours us ourselves
    ma mina mua mun minun mulla mulle multa mussa minua minulla minulle minusta minulta me meidan meian meita meille meilla meilta meihin oon olen olemme ollaan
    mimi sisi yangu yetu wangu wetu langu letu changu chetu zangu zetu vyangu vyetu kwangu kwetu pangu petu mwangu mwetu nami nasi
    nime* nina* nili* nita* nish* tume* tuna* tuli* tuta* tush* hatu* sija* sita* sikuwa*`,
  /** The reader: second-person pronouns and possessives, and Finnish forms of olla (oot, ootte). */
  you: `you youre your yours u ur yourself yourselves
    sa sina sun sinun sua sinua sulla sulle sinulla sinulle te teidan oot olet ootte olette teita teille
    wewe nyinyi nyie wako yako lako chako zako vyako kwako wenu yenu lenu chenu zenu`,
  /** A job and its world: roles, workplaces, clients, pay, shifts, releases, budgets. */
  work: `job jobs work working worked workplace coworker* colleague* team teams teammate* boss bosses manager* supervisor* employer* employee* company firm office offices shift* client* customer* staff department startup project* sprint* standup* meeting* deadline* roadmap release* launch* ship shipped shipping deploy* product* promotion promoted hired hiring hire hires recruit* interview* onboarding salary payroll payslip paycheck overtime quarter* revenue sales deal deals contract* warehouse factory depot ceo cto cfo hr layoff* intern* union* strike pay paid wages rota oncall patients ward classroom pupils students class lesson* audit* invoice* budget* board investor* funding grant stakeholder* vendor* supplier* pitch* demo tickets ticket backlog codebase bug bugs outage server* rollout migrat* crew trainee* director* receptionist* cashier* accounting finance engineering marketing headquarters hq branch store shop till shifts clocked orders order delivery deliveries parcel* freelance* career retirement notice probation reorg
    clinic salon bakery brewery newsroom hotfix pipeline freeze crunch emails inbox desk distributor stocktaking inventory paramedic* nurse* teach teaching teacher* kindergarten lab photographer* barista* engineer* developer* designer* analyst* lawyer* pharmacist* accountant* chef* waiter* waitress* cleaner* driver* dispatcher* consultant* contractor* cashier*
    tyo* toissa toihin toita duuni* *tiimi* *vuoro* *palaveri* *projekti* *kokou* *palkk* *asiaka* *asiakka* *toimisto* *osasto* *yritys* *yrityks* *firma* *sopimu* *kirjanpi* *myynti* *markkinoin* *kampanja* *katko* *sovellu* *koulutu* koulutin koulutan kumppanuu* vuosikertomu* bugi* kauppa kaupat pomo* esihenkilo* esimie* johto* *johtaja* *kollega* *esimie* *esihenkilo* palka* ylenny* rekry* haastattel* julkai* tehta* varasto* sprintti* lanseer* tuotanto* tuote* tuottee* harjoittelij* ylityo* potila* oppila* liitto* lakko* luottamus* ura* irtisano* koeaika* budjet* lasku* kassa* tilaus* tilauks* toimitu* asiakkaa* kilpailij* sopimu* rahoitu* sijoittaj* hallitu* strategi* kvartaal* liikevaihto* tulos* tiedote* demo* bugi* palvelin* migraati* julkaisu* rekka* varikko* varikol* vuorolist* kehityskeskust* perehdy* sertifi* sertti* kurssi* insinoor* kehittaj* myyja* kassamyyj* opettaj* hoitaj* laakar* kollegoi*
    kazi* ofisi* bosi meneja* msimamizi* wasimamizi* *fanyakazi* mwajiri* waajiri* mteja wateja* kampuni zamu* mshahara* mishahara* mradi* miradi* mkutano* mikutano* idara* timu mauzo bidhaa toleo* *zindua* *ajiri* wagonjwa wanafunzi darasa* kiwanda* ghala* mgomo* chama likizo* cheo ajira* mkurugenzi* wakurugenzi* bodi wawekezaji* mwekezaji ufadhili ruzuku bajeti* ankara* oda mkataba* mikataba* zabuni ukaguzi* mapato faida msambazaji* wasambazaji* mfumo* seva hitilafu* msimbo* programu* wodi kliniki* bohari* lori* malori* usaili* mafunzo* kikao* vikao* wakala* dukani mapokezi mhudumu* wahudumu* muuguzi* wauguzi* mwalimu* walimu* wakili* mhasibu* mhandisi* wahandisi* maabara* uzalishaji kampeni* matangazo nembo mshindani* washindani* washauri mshauri uhandisi kongamano* wasafishaji mtaalamu wataalamu katalogi* tathmini* ripoti* hesabu mizigo *sambaza* ushirikiano`,
  /** Other people: family, friends, neighbours, third-person pronouns (whose job it is, if any). */
  other: `brother* sister* mom mum mums moms dad dads father* mother* wife wifes husband* son sons daughter* friend* cousin* aunt* uncle* neighbour* neighbor* grandma* grandpa* grandmother* grandfather* he she his her hers their they him them flatmate* roommate* girlfriend* boyfriend* partners nephew* niece* kids kid children
    sisko* veli veljen* veljeni isa isan isalla aiti* vaimo* mies mieheni miehen poika* pojan tytar* tyttare* tytto* kaveri* ystava* serkku* serku* tati* eno* seta naapuri* mummo* vaari han hanen he heidan sen sille silla kamppi* lanko* anoppi* appi* avopuoliso* puoliso* lapse* lapsi lasten
    kaka dada mama baba mke mume mwana* rafiki binamu shangazi mjomba jirani bibi babu yeye wao wake shemeji* mkwe mpenzi* mwenzi mchumba wazazi binti mdogo watoto mtoto`,
  /** Teams that play: matches, leagues, goals, clubs. */
  sport: `match matches game games league goal* won win wins season coach club fans scored tournament football soccer hockey basketball volleyball cricket rugby cup final finals derby stadium referee striker goalkeeper penalties pitch players player relay marathon race
    ottelu* peli* liiga* maali* voitt* kausi kauden valmentaja* seura* jalkapallo* futis* jaakiekko* latka* fanit turnau* finaali* mestaruu* leijonat pelaaja* joukkue* sarja* kisa* kisoi* juoksu* puoliaika* puoliajal* tuomari* pokaali* vierasp*
    mechi ligi netiboli sataranji chesi makasia kriketi raga ndondi riadha voliboli kikapu magongo tenisi gofu sare mabingwa bingwa kileleni jezi goli* magoli *shinda* msimu kocha klabu mashabiki mpira kombe fainali uwanja* refa wachezaji mchezaji penalti mbio mashindano* ugenini nahodha`,
  /** Stories: novels, films, series, games, characters. */
  fiction: `novel novels book books film movie movies series episode character* villain hero heroine story stories scene chapter fairy tale legend knight dragon comic anime sitcom play musical audiobook thriller
    romaani* kirja* elokuva* leffa* sarja* jakso* hahmo* roisto* konna* sankari* tarina* kohtaus* satu* sadussa ritari* lohikaarme* legenda* sarjakuva* anime* nayte* musikaali* aanikirja* trilleri*
    riwaya kitabu* vitabu filamu tamthilia kipindi* mhusika* wahusika shujaa hadithi* hekaya* sura mchezo katuni mhalifu`,
  /** Home and free time: family, pets, holidays, school, hobbies. */
  home: `home house flat apartment kitchen garden balcony dog dogs puppy cat cats kitten* holiday vacation trip weekend wedding birthday anniversary recipe baking cooking laundry groceries homework school uni university exam exams hobby knit* yoga gym sauna cabin beach camping hike hiking concert family
    koti* kotona talo* kamppa* keitti* puutarha* parveke* koira* kissa* pentu* loma* matka* reissu* viikonlop* haa* synttar* syntymapaiv* resepti* leivo* pyyk* kauppaostok* laksy* koulu koulussa koulusta kouluun koulun koululla opisto* tentti* harrast* neulo* jooga* kuntosal* sauna* mokki* ranta* kesamokki* konsert* perhe* suku*
    nyumbani nyumba* jiko bustani* roshani mbwa paka likizoni safari* wikendi harusi* kuzaliwa mapishi* nguo shule* chuo* mtihani* mitihani* mazoezi kanisa* familia* ufukwe* tamasha* sherehe*`,
};

/** A bit per group, in CUE_GROUPS order. */
export type CueMask = number;
const bit = (group: CueGroup): CueMask => 1 << CUE_GROUPS.indexOf(group);

const KNOWN_WORDS = 8192;

/** Looks words up in the groups: a map lookup per stem length and a scan for the few parts, whatever the lexicon's size. */
export class CueLexicon {
  private readonly words = new Map<string, CueMask>();
  private readonly stems = new Map<string, CueMask>();
  private readonly parts: [string, CueMask][] = [];
  /** The lengths stems come in, shortest first: a word is looked up at these lengths only. */
  private readonly stemLengths: number[];

  constructor() {
    for (const group of CUE_GROUPS) {
      for (const entry of LEXICON[group].split(/\s+/)) {
        if (!entry) continue;
        if (entry.startsWith('*')) this.parts.push([entry.slice(1, -1), bit(group)]);
        else if (entry.endsWith('*')) {
          const stem = entry.slice(0, -1);
          this.stems.set(stem, (this.stems.get(stem) ?? 0) | bit(group));
        } else this.words.set(entry, (this.words.get(entry) ?? 0) | bit(group));
      }
    }
    this.stemLengths = [...new Set([...this.stems.keys()].map((stem) => stem.length))].sort((a, b) => a - b);
  }

  /** Words already looked up: drafts repeat the same few thousand words, and a lookup scans every part. */
  private readonly known = new Map<string, CueMask>();

  /** The groups a folded word belongs to. */
  groupsOf(word: string): CueMask {
    let mask = this.known.get(word);
    if (mask === undefined) {
      mask = this.lookUp(word);
      if (this.known.size >= KNOWN_WORDS) this.known.clear();
      this.known.set(word, mask);
    }
    return mask;
  }

  private lookUp(word: string): CueMask {
    let mask = this.words.get(word) ?? 0;
    // Where the last listed stem or part ends: a possessive suffix may follow it.
    let stemEnd = 0;
    for (const length of this.stemLengths) {
      if (length > word.length) break;
      const groups = this.stems.get(word.slice(0, length));
      if (groups !== undefined) {
        mask |= groups;
        stemEnd = length;
      }
    }
    for (const [part, groups] of this.parts) {
      const at = word.indexOf(part);
      if (at < 0) continue;
      mask |= groups;
      stemEnd = Math.max(stemEnd, at + part.length);
    }
    // Possessive suffixes say whose: Finnish -ni, -mme after a listed stem (tiimimme, firmassani);
    // Swahili -angu, -etu (wenzangu, kwetu).
    if (stemEnd > 0 && word.length > stemEnd + 1 && (word.endsWith('mme') || word.endsWith('ni'))) mask |= bit('self');
    if (word.length >= 5 && (word.endsWith('angu') || word.endsWith('etu'))) mask |= bit('self');
    return mask;
  }
}
