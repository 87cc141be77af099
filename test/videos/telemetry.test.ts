import { describe, expect, it } from 'vitest';
import { MalformedVideo } from '../../src/videos/boxes';
import { blankCammPositions } from '../../src/videos/camm';
import { blankDjiPositions } from '../../src/videos/dji';
import { blankRtmdPositions } from '../../src/videos/sony';
import { blankSubtitlePositions } from '../../src/videos/subtitles';

/** A 3GPP/QuickTime subtitle sample: 16-bit text length, the UTF-8 text, then a style box. */
function subtitle(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  const style = Buffer.from('\0\0\0\x12styl\0\x01\0\0\0\x0a\0\x01\0\x12', 'latin1');
  return new Uint8Array(Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body, style]));
}

const textOf = (sample: Uint8Array) => Buffer.from(sample.subarray(2, 2 + ((sample[0]! << 8) | sample[1]!))).toString('utf8');

describe('positions in subtitle samples', () => {
  // One line per format, written here after the formats ExifTool and DJI SRT parsers document.
  it.each([
    ['DJI Mini/Air 2S/Mavic 3', '[iso : 100] [shutter : 1/500.0] [fnum : 170] [latitude: -33.856784] [longitude: 151.215297] [rel_alt: 1.200 abs_alt: 58.734] </font>', ['-33.856784', '151.215297', '58.734'], '[rel_alt: 1.200'],
    ['DJI Mavic 2 ("longtitude")', '[latitude : -33.856784] [longtitude : 151.215297] [altitude: 74.725998]', ['-33.856784', '151.215297', '74.725998'], '[latitude : '],
    ['DJI Mavic Air/Mini', 'F/2.8, SS 1000.0, ISO 100, EV 0, GPS (151.2153, -33.8568, 18), D 10.10m, H 5.70m, H.S 0.00m/s', ['151.2153', '-33.8568'], 'D 10.10m, H 5.70m'],
    ['DJI Phantom 4 RTK', 'GPS (151.215297, -33.856784, 15), HOME (151.215101, -33.856702, -57.98m), D 698.70m', ['151.215297', '-33.856784', '151.215101', '-33.856702', '-57.98'], 'D 698.70m'],
    ['DJI Phantom/Mavic Pro', 'HOME(151.2153,-33.8567) 2017.08.05 14:11:51\nGPS(151.2153,-33.8568,16) BAROMETER:1.9\nISO:100 Shutter:60', ['151.2153', '-33.8567', '-33.8568'], '2017.08.05 14:11:51'],
    ['Autel', 'HOME(E: 151.215297, S: 33.856784) 2023-09-12 10:28:07\nGPS(E: 151.215101, S: 33.856702, 58.76m)', ['151.215297', '33.856784', '151.215101', '33.856702', '58.76'], '2023-09-12 10:28:07'],
    ['Yuneec', 'Lat:-33.856784 Lon:151.215297 Alt:58.7 Yaw:12.5', ['-33.856784', '151.215297', '58.7'], 'Yaw:12.5'],
    ['NMEA (dash cams)', '$GPRMC,082138,A,3351.4070,S,15112.9178,E,012.5,87.86,050213,,,A*6B', ['3351.4070', '15112.9178'], '$GPRMC,082138,A,'],
    ['ISO 6709', 'Recorded at -33.8568+151.2153+058.000/', ['-33.8568', '+151.2153'], 'Recorded at '],
  ])('%s: the position goes, the rest of the text and the sample size stay', (_format, text, positions, kept) => {
    const sample = subtitle(text);
    const noted: [number, number][] = [];
    expect(blankSubtitlePositions(sample, (latitude, longitude) => noted.push([latitude, longitude]))).toBeGreaterThan(0);
    const cleaned = textOf(sample);
    expect(sample.length).toBe(subtitle(text).length);
    for (const position of positions) expect(cleaned).not.toContain(position);
    expect(cleaned).toContain(kept);
    expect(Buffer.from(sample.subarray(-18)).toString('latin1')).toBe(Buffer.from(subtitle(text).subarray(-18)).toString('latin1'));
    expect(blankSubtitlePositions(sample.slice(), () => {})).toBe(0);
  });

  it('reads where the drone was from labelled and DJI-ordered positions', () => {
    const noted: [number, number][] = [];
    blankSubtitlePositions(subtitle('[latitude: 60.169912] [longitude: 24.938414]'), (...position) => noted.push(position));
    blankSubtitlePositions(subtitle('GPS (24.9384, 60.1699, 18)'), (...position) => noted.push(position));
    expect(noted).toEqual([[60.169912, 24.938414], [60.1699, 24.9384]]);
  });

  it('leaves ordinary subtitles alone', () => {
    for (const text of ['It was 5.30 in the morning.', 'Chapter 2', '', 'Ratio 1.5 to 2.25, altogether 3']) {
      const sample = subtitle(text);
      expect(blankSubtitlePositions(sample, () => {})).toBe(0);
      expect(textOf(sample)).toBe(text);
    }
  });

  it('refuses a sample whose text length runs past it, or that has none', () => {
    expect(() => blankSubtitlePositions(Uint8Array.of(0, 40, 0x41), () => {})).toThrow(MalformedVideo);
    expect(() => blankSubtitlePositions(new Uint8Array(), () => {})).toThrow(MalformedVideo);
  });
});

describe('CAMM packets', () => {
  const packet = (type: number, size: number, fill: (view: DataView) => void) => {
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    view.setUint16(2, type, true);
    fill(view);
    return bytes;
  };
  const gps5 = () => packet(5, 28, (view) => [-33.856784, 151.215297, 58.7].forEach((value, i) => view.setFloat64(4 + i * 8, value, true)));
  const gps6 = () =>
    packet(6, 60, (view) => {
      view.setFloat64(4, 1_368_000_000, true);
      view.setUint32(12, 3, true);
      view.setFloat64(16, -33.856784, true);
      view.setFloat64(24, 151.215297, true);
      for (let at = 32; at < 60; at += 4) view.setFloat32(at, 1.5, true);
    });
  const gyro = () => packet(2, 16, (view) => [0.1, 0.2, 0.3].forEach((value, i) => view.setFloat32(4 + i * 4, value, true)));

  it('zeroes the position of GPS packets (types 5 and 6) and keeps every other packet, and each packet size', () => {
    const sample = new Uint8Array(Buffer.concat([gyro(), gps5(), gps6(), gyro()]));
    const noted: [number, number][] = [];
    expect(blankCammPositions(sample, (...position) => noted.push(position))).toBe(2);
    expect(noted).toEqual([[-33.856784, 151.215297], [-33.856784, 151.215297]]);
    const view = new DataView(sample.buffer);
    expect(sample.subarray(0, 16)).toEqual(gyro());
    expect(sample.subarray(60 + 44)).toEqual(gyro());
    expect([view.getUint16(18, true), view.getUint16(46, true)]).toEqual([5, 6]);
    expect(sample.subarray(20, 44).every((byte) => byte === 0)).toBe(true); // type 5: latitude, longitude, altitude
    expect(view.getFloat64(48, true)).toBe(1_368_000_000); // type 6: the GPS clock stays
    expect(sample.subarray(56, 104).every((byte) => byte === 0)).toBe(true); // fix type ("no fix"), position, accuracy, velocity
    expect(blankCammPositions(sample.slice(), () => {})).toBe(0);
  });

  it('refuses packets it cannot step over', () => {
    expect(() => blankCammPositions(packet(9, 16, () => {}), () => {})).toThrow(/unknown type/);
    expect(() => blankCammPositions(gps6().subarray(0, 40), () => {})).toThrow(/runs past/);
    expect(() => blankCammPositions(Uint8Array.of(1, 2), () => {})).toThrow(/truncated/);
  });
});

describe('DJI protobuf telemetry', () => {
  const varint = (value: number) => {
    const out: number[] = [];
    do {
      out.push((value % 128) | (value >= 128 ? 0x80 : 0));
      value = Math.floor(value / 128);
    } while (value > 0);
    return Buffer.from(out);
  };
  const field = (number: number, wireType: number, value: Uint8Array) => Buffer.concat([varint(number * 8 + wireType), wireType === 2 ? varint(value.length) : Buffer.alloc(0), value]);
  const double = (number: number, value: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    return field(number, 1, bytes);
  };
  const message = (number: number, ...parts: Uint8Array[]) => field(number, 2, Buffer.concat(parts));
  /** A frame as an Avata 2 writes it: the fix in radians (units 0) three levels down, the altitude (mm) beside it. */
  const frame = (latitude: number, longitude: number) =>
    new Uint8Array(
      Buffer.concat([
        message(1, message(1, field(1, 2, Buffer.from('dvtm_AVATA2.proto')))),
        message(3, message(4, message(4, message(1, field(1, 0, varint(0)), double(2, latitude), double(3, longitude)), field(2, 0, varint(58_734))), field(5, 5, Buffer.alloc(4, 1)))),
      ]),
    );

  it('zeroes every GPS fix and the altitude beside it, at any depth, keeping every length', () => {
    const sample = frame((-33.856784 * Math.PI) / 180, (151.215297 * Math.PI) / 180);
    const before = sample.slice();
    const noted: [number, number][] = [];
    expect(blankDjiPositions(sample, (...position) => noted.push(position))).toBe(1);
    expect(noted[0]![0]).toBeCloseTo(-33.856784, 6);
    expect(noted[0]![1]).toBeCloseTo(151.215297, 6);
    expect(sample.length).toBe(before.length);
    const buffer = Buffer.from(sample);
    expect(buffer.includes('dvtm_AVATA2.proto')).toBe(true);
    const fix = buffer.indexOf(Buffer.from([0x08, 0x00, 0x11])); // units, then the latitude's key
    expect(buffer.subarray(fix + 3, fix + 11).every((byte) => byte === 0)).toBe(true);
    expect(buffer.subarray(fix + 12, fix + 20).every((byte) => byte === 0)).toBe(true);
    // 58734 took three varint bytes: they read as zero now, in the same three bytes.
    expect([...buffer.subarray(fix + 21, fix + 24)]).toEqual([0x80, 0x80, 0x00]);
    expect(buffer.subarray(-4)).toEqual(Buffer.alloc(4, 1));
    expect(blankDjiPositions(sample.slice(), () => {})).toBe(0);
  });

  it('leaves messages that are not a GPS fix, and refuses a sample that is not protobuf', () => {
    const other = new Uint8Array(message(3, message(1, double(2, 1.5), double(4, 2.5))));
    expect(blankDjiPositions(other, () => {})).toBe(0);
    expect(Buffer.from(other)).toEqual(message(3, message(1, double(2, 1.5), double(4, 2.5))));
    expect(() => blankDjiPositions(Uint8Array.of(0x0f, 1, 2), () => {})).toThrow(/protobuf/);
    expect(() => blankDjiPositions(new Uint8Array(message(3, Buffer.alloc(4))).subarray(0, 4), () => {})).toThrow(/protobuf/);
  });
});

describe('Sony rtmd', () => {
  it('refuses a tag that runs past its sample', () => {
    const sample = Buffer.alloc(20);
    sample.writeUInt16BE(2, 0);
    sample.writeUInt16BE(0x8502, 2);
    sample.writeUInt16BE(24, 4);
    expect(() => blankRtmdPositions(new Uint8Array(sample), () => {})).toThrow(/runs past/);
    expect(() => blankRtmdPositions(Uint8Array.of(0), () => {})).toThrow(/truncated/);
  });
});
