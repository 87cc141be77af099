/**
 * Speech that employers must never police: pay, hours, working conditions, unions and strikes
 * (in the US, Section 7 of the National Labor Relations Act protects it; many countries protect it
 * too). The linter warns admins whose rules would flag any of it.
 */

/** Words and phrases that make a term itself about protected topics. */
export const PROTECTED_TOPICS: readonly string[] = [
  // English
  'pay', 'salary', 'salaries', 'wage', 'wages', 'compensation', 'paycheck', 'payslip', 'bonus', 'raise',
  'pay raise', 'pay gap', 'equal pay', 'minimum wage', 'overtime', 'working hours', 'hours', 'shift',
  'shifts', 'night shift', 'double shift', 'understaffed', 'short-staffed', 'working conditions', 'workplace safety', 'safety', 'harassment',
  'discrimination', 'benefits', 'sick leave', 'parental leave', 'layoffs', 'union', 'unions', 'unionize',
  'unionise', 'unionizing', 'labor union', 'labour union', 'trade union', 'collective bargaining',
  'organizing', 'strike', 'strikes', 'walkout', 'picket', 'picket line', 'grievance', 'whistleblower',
  // Finnish
  'palkka', 'palkat', 'palkankorotus', 'ylityö', 'ylityöt', 'työaika', 'työajat', 'työolot',
  'työolosuhteet', 'työturvallisuus', 'ammattiliitto', 'liitto', 'luottamusmies', 'lakko', 'ulosmarssi',
  'työehtosopimus', 'irtisanomiset', 'lomautukset',
  // Swahili
  'mshahara', 'mishahara', 'malipo', 'nyongeza ya mshahara', 'saa za kazi', 'saa za ziada',
  'mazingira ya kazi', 'usalama kazini', 'chama cha wafanyakazi', 'vyama vya wafanyakazi', 'muungano',
  'mgomo', 'migomo', 'maandamano',
];

/**
 * Topic words that tell on their own that a sentence is about pay, hours, conditions or organising;
 * the others are everyday work words too ("raise funding", "a shift to the cloud", "mfumo wa malipo").
 */
const AMBIGUOUS_TOPICS: ReadonlySet<string> = new Set([
  'raise', 'shift', 'shifts', 'safety', 'benefits', 'organizing', 'liitto', 'malipo', 'muungano',
]);

/** Topics that keep a draft from a work-talk disclaimer request: asking for "views are my own" on a pay complaint would police it. */
export const UNAMBIGUOUS_PROTECTED_TOPICS: readonly string[] = PROTECTED_TOPICS.filter((topic) => !AMBIGUOUS_TOPICS.has(topic));

/** Ordinary posts about protected topics; a rule that flags any of them polices protected speech. */
export const PROTECTED_SENTENCES: readonly string[] = [
  'What do you all make? I think we should share our salaries.',
  'Our pay is too low for the cost of living; we deserve a raise.',
  'Nobody got a bonus this year while executives did.',
  'Mandatory overtime again this weekend. 60 hours a week is not sustainable.',
  'The night shift schedule changed with one day of notice.',
  'Working conditions in the warehouse are unsafe; the heat is dangerous.',
  'I reported harassment and discrimination and nothing happened.',
  'We are forming a union. Join us!',
  'Proud to be a union member. #union #1u',
  'Workers voted to unionize today.',
  'We are on strike until management comes back to the bargaining table.',
  'Walkout at noon tomorrow, meet at the picket line.',
  'Collective bargaining starts next week.',
  'Layoffs announced today; we deserve severance and better benefits.',
  'Palkkamme ovat liian pienet, vaadimme palkankorotusta.',
  'Ylityöt ja pitkät työajat uuvuttavat koko tiimin.',
  'Työolot varastolla ovat vaaralliset.',
  'Liityin ammattiliittoon ja luottamusmies auttaa meitä.',
  'Huomenna on lakko. Ulosmarssi alkaa kello 12.',
  'Mshahara wetu ni mdogo sana, tunataka nyongeza ya mshahara.',
  'Saa za kazi ni nyingi mno na hakuna malipo ya saa za ziada.',
  'Mazingira ya kazi kiwandani ni hatari.',
  'Tunaanzisha chama cha wafanyakazi.',
  'Mgomo utaanza kesho asubuhi.',
];
