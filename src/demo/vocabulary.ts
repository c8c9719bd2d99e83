/** Fixed vocabularies of the simulated practice: names are fictional, weights are shares. */

export const FIRST_NAMES = [
  'Ada',
  'Bea',
  'Cal',
  'Dara',
  'Eli',
  'Fenna',
  'Gus',
  'Hana',
  'Ivo',
  'Juno',
  'Kai',
  'Lior',
  'Mara',
  'Nico',
  'Oona',
  'Pia',
  'Quinn',
  'Rafa',
  'Suri',
  'Teo',
  'Uma',
  'Vero',
  'Wren',
  'Xavi',
  'Yara',
  'Zev',
  'Arlo',
  'Bryn',
  'Cleo',
  'Dax',
  'Esme',
  'Fitz',
  'Gia',
  'Hugo',
  'Isla',
  'Jude',
] as const;

export const LAST_NAMES = [
  'Abernathy',
  'Brightwater',
  'Castellan',
  'Dunmore',
  'Everly',
  'Fairbanks',
  'Greenhollow',
  'Hartwell',
  'Ivers',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Merriweather',
  'Northcott',
  "O'Hara",
  'Pennington',
  'Quillan',
  'Rosewood',
  'Sterling',
  'Thorne',
  'Underwood',
  'Valcourt',
  'Whitlock',
  'Yarrow',
  'Zamora',
  'Ashdown',
  'Bellamy',
  'Calloway',
] as const;

export const CREDENTIALS = ['', '', '', ', LCSW', ', PsyD', ', LMFT', ', PhD', ', LPC'] as const;

export const NEEDS = [
  'anxiety',
  'depression',
  'trauma',
  'couples',
  'adhd',
  'grief',
  'ocd',
  'stress',
];
export const NEED_WEIGHTS = [30, 25, 10, 9, 8, 5, 4, 9];

export const EXTRA_SPECIALTIES = ['substance_use', 'eating_disorders', 'child_adolescent', 'lgbtq'];

export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'zh'];
/** Share of clients preferring each language. */
export const CLIENT_LANGUAGE_WEIGHTS = [88, 8, 2, 1, 1];
/** Chance a therapist also speaks each non-English language. */
export const THERAPIST_LANGUAGE_CHANCE = [1, 0.2, 0.06, 0.04, 0.04];

export const CHANNELS = ['referral', 'search', 'social', 'insurer', 'employer', 'directory', ''];
export const CHANNEL_WEIGHTS = [28, 22, 12, 18, 10, 7, 3];

/** Relative new-client arrivals per calendar month (January and September peaks, summer dip). */
export const MONTH_SEASON = [1.3, 1.1, 1.0, 1.0, 0.95, 0.85, 0.72, 0.78, 1.25, 1.1, 1.0, 0.8];

/** Share of therapists offering neurofeedback, per practice profile. */
export const NEURO_SHARE = {
  online_platform: 0.05,
  remote_consultation: 0.15,
  neurofeedback: 0.45,
};

/** Month-day pairs the practice is closed. */
export const HOLIDAYS = new Set(['1-1', '7-4', '12-24', '12-25', '12-31']);
