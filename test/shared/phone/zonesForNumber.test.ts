import { describe, expect, it } from 'vitest';
import { zonesForNumber } from '../../../shared/phone';
import { ZONE_PATCHES } from '../../../shared/phone/overlays';
import { Z, sorted } from './zones.fixtures';

// compliance.md §5.2: NPAs with more than one zone in Google's data (union over NPA + NXX rows);
// 879 and 986 are there too but incomplete: see OVERLAY_PATCHES
const MULTI_ZONE_NPAS: [string, string[]][] = [
  ['208', [Z.Boise, Z.Denver, Z.LA]],
  ['219', [Z.NY, Z.Chicago]],
  ['250', [Z.Vancouver, Z.Edmonton]],
  ['270', [Z.NY, Z.Chicago]],
  ['308', [Z.Chicago, Z.Denver]],
  ['418', [Z.Toronto, Z.Halifax]],
  ['423', [Z.Chicago, Z.NY]],
  ['541', [Z.LA, Z.Denver]],
  ['574', [Z.NY, Z.Chicago]],
  ['605', [Z.Chicago, Z.Denver, Z.NDCenter]],
  ['606', [Z.NY, Z.Chicago]],
  ['620', [Z.Chicago, Z.Denver]],
  ['701', [Z.Chicago, Z.Denver, Z.NDCenter]],
  ['709', [Z.StJohns, Z.Halifax, Z.PuertoRico]],
  ['775', [Z.Boise, Z.Denver, Z.LA]],
  ['785', [Z.Chicago, Z.Denver]],
  ['807', [Z.Toronto, Z.Winnipeg]],
  ['812', [Z.NY, Z.Chicago]],
  ['850', [Z.NY, Z.Chicago]],
  ['867', [Z.FortNelson, Z.Edmonton, Z.Toronto, Z.Vancouver, Z.Winnipeg]],
  ['906', [Z.NY, Z.Chicago]],
  ['907', [Z.Adak, Z.Anchorage, Z.Juneau, Z.Honolulu]],
  ['928', [Z.Phoenix, Z.Denver]],
];

// compliance.md §5.2 known gaps, patched in shared/phone/overlays.ts
const OVERLAY_PATCHES: [string, string, string[]][] = [
  ['448', 'overlay of 850', [Z.Chicago, Z.NY]],
  ['364', 'overlay of 270', [Z.Chicago, Z.NY]],
  ['930', 'overlay of 812', [Z.Chicago, Z.NY]],
  ['458', 'overlay of 541', [Z.Denver, Z.LA]],
  ['729', 'overlay of 423 (not in Google data)', [Z.Chicago, Z.NY]],
  ['624', 'overlay of 716 (not in Google data)', [Z.NY]],
  ['861', 'overlay of 309 (not in Google data)', [Z.Chicago]],
  ['357', 'overlay of 559 (not in Google data)', [Z.LA]],
  ['236', 'BC overlay inheriting 250', [Z.Edmonton, Z.Vancouver]],
  ['257', 'BC overlay inheriting 250', [Z.Edmonton, Z.Vancouver]],
  ['672', 'BC overlay inheriting 250', [Z.Edmonton, Z.Vancouver]],
  ['778', 'BC overlay inheriting 250', [Z.Edmonton, Z.Vancouver]],
  ['367', 'overlay of 418', [Z.Halifax, Z.Toronto]],
  ['581', 'overlay of 418', [Z.Halifax, Z.Toronto]],
  ['432', 'West Texas plus Mountain (Culberson Co.)', [Z.Chicago, Z.Denver]],
  ['306', 'Saskatchewan plus Lloydminster', [Z.Edmonton, Z.Regina]],
  ['639', 'overlay of 306', [Z.Edmonton, Z.Regina]],
  ['474', "overlay of 306, keeping Google's Winnipeg", [Z.Edmonton, Z.Regina, Z.Winnipeg]],
  ['879', 'overlay of 709 (Google lacks Labrador’s Atlantic time)', [Z.Halifax, Z.PuertoRico, Z.StJohns]],
  ['986', 'overlay of 208 (Google lacks its Denver rows)', [Z.Boise, Z.Denver, Z.LA]],
];

describe('zonesForNumber', () => {
  it.each(MULTI_ZONE_NPAS)('gives NPA %s the union of all its rows', (npa, zones) => {
    expect(zonesForNumber(`+1${npa}5550123`)).toEqual(sorted(...zones));
  });

  it.each(OVERLAY_PATCHES)('patches NPA %s (%s) in npa mode', (npa, _why, zones) => {
    expect(zonesForNumber(`+1${npa}5550123`)).toEqual(sorted(...zones));
  });

  it.each(OVERLAY_PATCHES)('applies the NPA %s patch (%s) in prefix mode too', (npa, _why, zones) => {
    expect(zonesForNumber(`+1${npa}5550123`, 'prefix')).toEqual(expect.arrayContaining(zones));
  });

  it.each(ZONE_PATCHES.flatMap((p) => (p.kind === 'inherit' ? [[p.npa, p.from] as const] : [])))(
    'gives overlay %s at least every zone of its parent %s',
    (npa, parent) => {
      expect(zonesForNumber(`+1${npa}5550123`)).toEqual(expect.arrayContaining(zonesForNumber(`+1${parent}5550123`)));
    },
  );

  it('finds more than one zone in exactly the §5.2 NPAs plus the patched ones that span zones', () => {
    const multi: string[] = [];
    for (let npa = 200; npa <= 999; npa++) if (zonesForNumber(`+1${npa}5550123`).length > 1) multi.push(String(npa));
    const expected = new Set([...MULTI_ZONE_NPAS.map(([npa]) => npa), ...OVERLAY_PATCHES.filter(([, , zones]) => zones.length > 1).map(([npa]) => npa)]);
    expect(multi).toEqual([...expected].sort());
  });

  // compliance.md §5.1 test results (Google rows = 'prefix' mode)
  it.each([
    ['+12125550123', [Z.NY]],
    ['+19312974462', [Z.Chicago]],
    ['+18505550123', [Z.NY]],
    ['+18502005555', [Z.Chicago]],
    ['+12085550123', [Z.Boise, Z.LA]],
    ['+12082015555', [Z.Denver]],
    ['+17015550123', [Z.Denver, Z.NDCenter]],
    ['+19282835555', [Z.Denver, Z.Phoenix]],
    ['+19075550123', [Z.Adak, Z.Anchorage]],
    ['+17095550123', [Z.PuertoRico, Z.StJohns]],
    ['+447700900123', ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']],
  ])("returns Google's longest-prefix row for %s in prefix mode", (e164, zones) => {
    expect(zonesForNumber(e164, 'prefix')).toEqual(sorted(...zones));
  });

  it.each([
    ['+14585550123', 'Google says LA only; the overlay adds Mountain', [Z.Denver, Z.LA]],
    ['+17295550123', "Google falls back to NANP-wide row '1'; the overlay gives 423", [Z.Chicago, Z.NY]],
  ])('corrects %s in prefix mode (%s)', (e164, _why, zones) => {
    expect(zonesForNumber(e164, 'prefix')).toEqual(sorted(...zones));
  });

  it.each([
    ['+18505550123', [Z.Chicago, Z.NY]],
    ['+18502005555', [Z.Chicago, Z.NY]],
    ['+12082015555', [Z.Boise, Z.Denver, Z.LA]],
  ])('uses the whole-NPA union for %s by default, since numbers port', (e164, zones) => {
    expect(zonesForNumber(e164)).toEqual(zones);
  });

  it.each([
    ['+18005550123', 'toll-free, only the NANP fallback row'],
    ['+19005550123', 'premium, only the NANP fallback row'],
    ['+11235550123', 'no such NPA'],
    ['+13795550123', 'unassigned NPA'],
    ['13055550123', 'not E.164 (no plus)'],
    ['+1 305 555 0123', 'not E.164 (spaces)'],
    ['', 'empty'],
  ])('returns [] for %s (%s)', (e164) => {
    expect(zonesForNumber(e164)).toEqual([]);
    expect(zonesForNumber(e164, 'prefix')).toEqual([]);
  });

  it.each([
    ['+442071838750', ['Europe/London']],
    ['+33142685300', ['Europe/Paris']],
    ['+61291234567', ['Australia/Sydney']],
  ])('uses the longest prefix outside NANP: %s', (e164, zones) => {
    expect(zonesForNumber(e164)).toEqual(zones);
  });

  it('returns a fresh array each time', () => {
    const first = zonesForNumber('+18505550123');
    first.push('Etc/UTC');
    expect(zonesForNumber('+18505550123')).toEqual([Z.Chicago, Z.NY]);
  });
});
