import { latin1 } from './bytes';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heif' | 'avif' | 'tiff';

/** The format by its signature; file names and MIME types are not trusted. */
export function detectFormat(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (from: number, to: number) => latin1(bytes, from, Math.min(to, bytes.length));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') {
    // Major brand, minor version, compatible brands: MP4 and MOV videos share the box, not the brands.
    const size = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
    const brands = [ascii(8, 12), ...(ascii(16, Math.min(size, 256)).match(/.{4}/gs) ?? [])];
    if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'avif';
    if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heif';
  }
  return undefined;
}

const HEIF_BRANDS = new Set(['mif1', 'mif2', 'msf1', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
