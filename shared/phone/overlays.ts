/**
 * Hand-maintained corrections on top of Google's data (compliance.md §5.2, re-check against the NANPA
 * area-code map before each release). Google maps most overlay codes to a single zone although an
 * overlay covers exactly its parent's area, and misses a few split areas entirely.
 */

/** `inherit`: the NPA gets the parent's whole (patched) zone union; `add`: extra zones for the NPA. */
export type ZonePatch =
  | { kind: 'inherit'; npa: string; from: string; why: string; source: string }
  | { kind: 'add'; npa: string; zones: readonly string[]; why: string; source: string };

const S52 = 'compliance.md §5.2 (NANPA area-code map; hearsaycorp/phonenumber-util overlay list)';

export const ZONE_PATCHES: readonly ZonePatch[] = [
  // Google: 448 → New_York only; the panhandle west of the Apalachicola is Central
  { kind: 'inherit', npa: '448', from: '850', why: 'overlay of 850 (FL panhandle, ET+CT)', source: 'Wikipedia "Area codes 850 and 448"; ' + S52 },
  { kind: 'inherit', npa: '364', from: '270', why: 'overlay of 270 (western KY, CT+ET)', source: S52 },
  { kind: 'inherit', npa: '930', from: '812', why: 'overlay of 812 (southern IN, ET+CT)', source: S52 },
  { kind: 'inherit', npa: '458', from: '541', why: 'overlay of 541 (OR, PT + Malheur Co. MT)', source: S52 },
  // not yet in Google's data nor in libphonenumber-js 1.13.16 (isValid false): see NPAS_AHEAD_OF_LIBPHONENUMBER
  { kind: 'inherit', npa: '729', from: '423', why: 'overlay of 423 (East TN, ET+CT)', source: 'TPUC order 2023-05-30 (WLAF News 2023-06-05); ' + S52 },
  { kind: 'inherit', npa: '624', from: '716', why: 'overlay of 716 (Buffalo, western NY, ET)', source: 'NY DPS announcement, numbers assigned from 2023-09-11; Wikipedia "Area codes 716 and 624"' },
  { kind: 'inherit', npa: '861', from: '309', why: 'overlay of 309 (west-central IL, CT)', source: 'Illinois Commerce Commission approval (WGEM 2023-02-17)' },
  { kind: 'inherit', npa: '357', from: '559', why: 'overlay of 559 (Fresno, central CA, PT)', source: 'CPUC press release 2023-12-19, numbers assigned from 2025-03-26; Wikipedia "Area codes 559 and 357"' },
  { kind: 'inherit', npa: '236', from: '250', why: 'BC overlay (incl. MST areas in 250)', source: S52 },
  { kind: 'inherit', npa: '257', from: '250', why: 'BC overlay', source: S52 },
  { kind: 'inherit', npa: '672', from: '250', why: 'BC overlay', source: S52 },
  { kind: 'inherit', npa: '778', from: '250', why: 'BC overlay', source: S52 },
  { kind: 'inherit', npa: '367', from: '418', why: 'overlay of 418 (eastern QC incl. Magdalen Is., Atlantic)', source: S52 },
  { kind: 'inherit', npa: '581', from: '418', why: 'overlay of 418 (eastern QC incl. Magdalen Is., Atlantic)', source: S52 },
  { kind: 'add', npa: '432', zones: ['America/Denver'], why: 'Culberson County TX observes Mountain time', source: S52 },
  { kind: 'add', npa: '306', zones: ['America/Edmonton'], why: 'Lloydminster (SK side) keeps Alberta time', source: S52 },
  { kind: 'inherit', npa: '639', from: '306', why: 'overlay of 306 (SK, CST + Lloydminster MT)', source: S52 },
  // Google: 474 → Winnipeg only; keep it and inherit 306 (Regina + Edmonton) — a deliberate superset
  { kind: 'inherit', npa: '474', from: '306', why: 'overlay of 306 (SK)', source: S52 },
  // Google: 879 → St_Johns + Puerto_Rico, missing the Atlantic (DST) time most of Labrador keeps
  { kind: 'inherit', npa: '879', from: '709', why: 'overlay of 709 (NL incl. Labrador, Atlantic time)', source: 'Wikipedia "Area codes 709 and 879"; ' + S52 },
  // Google: 986 → Boise + LA, missing 208's Denver rows (same rules as Boise; kept for a consistent union)
  { kind: 'inherit', npa: '986', from: '208', why: 'overlay of 208 (ID, MT + northern panhandle PT)', source: S52 },
];

/**
 * NPA → ISO 3166-2 codes missing from Google's geocoding: new overlays, and the US territories (which
 * libphonenumber reports as countries PR, VI, GU, MP, AS; we report country US, subdivision PR…,
 * as in ISO 3166-2:US, since US federal rules such as the TCPA reach them).
 */
export const REGION_PATCHES: Readonly<Record<string, readonly string[]>> = {
  '729': ['US-TN'], // overlay of 423
  '624': ['US-NY'], // overlay of 716
  '861': ['US-IL'], // overlay of 309
  '357': ['US-CA'], // overlay of 559
  '787': ['US-PR'],
  '939': ['US-PR'],
  '340': ['US-VI'],
  '671': ['US-GU'],
  '670': ['US-MP'],
  '684': ['US-AS'],
};

/**
 * NPAs in service that libphonenumber-js still rejects (`isValid()` false). A structurally valid NANP
 * number there (NXX 2–9) is accepted anyway, with country/zones from the tables above, so it is not
 * "unknown". Remove an entry once libphonenumber-js knows the code.
 */
export const NPAS_AHEAD_OF_LIBPHONENUMBER: ReadonlySet<string> = new Set(['729', '624', '861', '357']);

/** NANP toll-free NPAs in use (833 … 888; 822/880–887 reserved). */
export const TOLL_FREE_NPAS: ReadonlySet<string> = new Set(['800', '833', '844', '855', '866', '877', '888']);
