import { latin1 } from './bytes';

/**
 * Removes location properties from an XMP packet in place by overwriting them with spaces, so the
 * packet keeps its length (XMP packets are padded with whitespace by design) and no offset moves.
 */

const PLACE_PROPERTIES: Record<string, ReadonlySet<string>> = {
  'http://ns.adobe.com/photoshop/1.0/': new Set(['City', 'State', 'Country']),
  'http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/': new Set(['Location', 'CountryCode']),
  'http://iptc.org/std/Iptc4xmpExt/2008-02-29/': new Set(['LocationCreated', 'LocationShown']),
};

// Positions in any namespace: exif:GPSLatitude, drone-dji:GpsLongitude, Camera:GPSXYAccuracy, ...
const POSITION_NAME = /^gps|latitude$|longitude$|longtitude$|altitude$/i;

const NAMESPACE = /xmlns:([\w.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const ATTRIBUTE = /\s([\w.-]+):([\w.-]+)\s*=\s*("[^"]*"|'[^']*')/g;
const ELEMENT = /<([\w.-]+):([\w.-]+)(?:\s[^>]*?)?(\/?)>/g;

export interface XmpRemoval {
  readonly properties: string[];
}

/** `bytes[start, end)` holds the XMP text; location properties in it are blanked. */
export function removeXmpLocation(bytes: Uint8Array, start: number, end: number): XmpRemoval {
  const text = latin1(bytes, start, end); // markup is ASCII; indices are byte offsets
  const namespaces = new Map<string, string>();
  for (const match of text.matchAll(NAMESPACE)) namespaces.set(match[1]!, match[3] ?? match[4]!);
  const isLocation = (prefix: string, name: string) =>
    POSITION_NAME.test(name) || Boolean(PLACE_PROPERTIES[namespaces.get(prefix) ?? '']?.has(name));

  const removed: string[] = [];
  const blank = (from: number, to: number) => bytes.fill(0x20, start + from, start + to);
  for (const match of text.matchAll(ATTRIBUTE)) {
    if (match[1] === 'xmlns' || !isLocation(match[1]!, match[2]!)) continue;
    blank(match.index, match.index + match[0].length);
    removed.push(`${match[1]}:${match[2]}`);
  }
  let blankedUntil = 0;
  for (const match of text.matchAll(ELEMENT)) {
    const [whole, prefix, name, selfClosing] = match;
    if (match.index < blankedUntil || !isLocation(prefix!, name!)) continue;
    let to = match.index + whole.length;
    if (!selfClosing) {
      const close = text.indexOf(`</${prefix}:${name}>`, to);
      if (close < 0) continue; // malformed; the caller re-reads the result and fails closed
      to = close + `</${prefix}:${name}>`.length;
    }
    blank(match.index, to);
    removed.push(`${prefix}:${name}`);
    blankedUntil = to;
  }
  return { properties: removed };
}

const ORIENTATION = /tiff:Orientation\s*(?:=\s*["']|>)\s*([1-8])\s*["<]/;

/** The tiff:Orientation (1-8) of an XMP packet, if it has one. */
export function xmpOrientation(bytes: Uint8Array, start: number, end: number): number | undefined {
  const match = ORIENTATION.exec(latin1(bytes, start, end));
  return match ? Number(match[1]) : undefined;
}

/** The smallest XMP packet, holding Orientation alone when there is one: what "all" mode keeps. */
export function orientationOnlyXmp(orientation: number | undefined): string {
  if (orientation === undefined) return '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>';
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="${orientation}"/>` +
    '</rdf:RDF></x:xmpmeta>'
  );
}
