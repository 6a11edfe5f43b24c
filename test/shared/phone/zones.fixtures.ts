/** Short names for the IANA zones used in the phone tests. */
export const Z = {
  Adak: 'America/Adak',
  Anchorage: 'America/Anchorage',
  Boise: 'America/Boise',
  Chicago: 'America/Chicago',
  Denver: 'America/Denver',
  Edmonton: 'America/Edmonton',
  FortNelson: 'America/Fort_Nelson',
  Halifax: 'America/Halifax',
  Honolulu: 'Pacific/Honolulu',
  Juneau: 'America/Juneau',
  LA: 'America/Los_Angeles',
  NDCenter: 'America/North_Dakota/Center',
  NY: 'America/New_York',
  Phoenix: 'America/Phoenix',
  PuertoRico: 'America/Puerto_Rico',
  Regina: 'America/Regina',
  StJohns: 'America/St_Johns',
  Toronto: 'America/Toronto',
  Vancouver: 'America/Vancouver',
  Winnipeg: 'America/Winnipeg',
} as const;

export const sorted = (...zones: string[]) => [...zones].sort();
