/**
 * A .reg file parser that applies the file to a registry as regedit imports it: `[KEY]` opens (or
 * creates) a key, `[-KEY]` deletes it with its subkeys, `"name"=...` sets a value, `"name"=-` deletes
 * one. Values other than the file names are left alone, as in a real import.
 */
export type Registry = Map<string, Map<string, string | number>>;

export function decodeRegFile(bytes: Uint8Array): string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('not UTF-16LE with a byte order mark');
  return new TextDecoder('utf-16le').decode(bytes.subarray(2));
}

export function applyRegFile(text: string, registry: Registry = new Map()): Registry {
  const lines = text.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`unexpected header ${JSON.stringify(lines[0])}`);
  let key: string | undefined;
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line === '') continue;
    const section = /^\[(-?)([^\]]+)\]$/.exec(line);
    if (section) {
      const [, remove, name] = section;
      if (remove) {
        for (const existing of [...registry.keys()]) if (existing === name || existing.startsWith(`${name}\\`)) registry.delete(existing);
        key = undefined;
      } else {
        key = name!;
        if (!registry.has(key)) registry.set(key, new Map());
      }
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8})|(-))$/.exec(line);
    if (!value || !key) throw new Error(`line ${index + 1} is not a value in a key: ${JSON.stringify(line)}`);
    const [, name, text, dword, remove] = value;
    const unescape = (quoted: string) => quoted.replace(/\\(.)/g, '$1');
    if (remove) registry.get(key)!.delete(unescape(name!));
    else registry.get(key)!.set(unescape(name!), dword !== undefined ? parseInt(dword, 16) : unescape(text!));
  }
  return registry;
}
