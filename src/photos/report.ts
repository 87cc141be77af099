/**
 * "location" removes positions and place names and keeps all other metadata; "all" also removes
 * everything that can identify a person or device (maker notes, serial numbers, names, times,
 * thumbnails, XMP, IPTC, comments) but keeps Orientation and the colour profile.
 */
export type CleanMode = 'location' | 'all';

export const CLEAN_MODES: readonly CleanMode[] = ['location', 'all'];

/** What a cleaner took out of one file. */
export interface Removed {
  gpsTags: number;
  xmpProperties: string[];
  iptcPlaces: string[];
  /** Everything else "all" mode removed, e.g. "EXIF (41 tags)", "XMP packet", "comment". */
  other: string[];
}

export function nothingRemoved(): Removed {
  return { gpsTags: 0, xmpProperties: [], iptcPlaces: [], other: [] };
}

/** How many location items (GPS tags, XMP properties, IPTC places) were removed. */
export function locationItemsRemoved(removed: Removed): number {
  return removed.gpsTags + removed.xmpProperties.length + removed.iptcPlaces.length;
}

export function removedAnything(removed: Removed): boolean {
  return locationItemsRemoved(removed) + removed.other.length > 0;
}
