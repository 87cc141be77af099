/** What a cleaner took out of one file. */
export interface Removed {
  gpsTags: number;
  xmpProperties: string[];
  iptcPlaces: string[];
}

export function nothingRemoved(): Removed {
  return { gpsTags: 0, xmpProperties: [], iptcPlaces: [] };
}
