import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The command as users run it after `npm ci`: the bin npm linked, not an import of the module.
const SERA = join('node_modules', '.bin', 'sera');
const DEMO = 'assets/demo-pack.json';
const AT = '2026-11-21T12:00:00Z';

function sera(args: string[], input?: string) {
  const result = spawnSync(SERA, args, { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'sera-cli-'));
function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('sera check', () => {
  it('prints findings as JSON', () => {
    const { code, stdout } = sera(['check', '--pack', DEMO, '--at', AT, '--json', 'Shipping Tern. #employee']);
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout) as { findings: { ruleId: string; start: number; end: number; match: string }[] };
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'confidential-codenames', start: 9, end: 13, match: 'Tern' })]);
  });

  it('marks the draft for people, then one line per finding', () => {
    const { code, stdout } = sera(['check', '--pack', DEMO, '--at', AT, 'We love Acme and Nova']);
    expect(code).toBe(1);
    const [draft, ...lines] = stdout.trimEnd().split('\n');
    expect(draft).toBe('We love ⟦Acme⟧ and ⟦Nova⟧');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/1:18 +block +unreleased-products +“Nova”: This product has not been announced yet/);
  });

  it('reads the draft from standard input with "-", and honours --site', () => {
    const onX = sera(['check', '--pack', DEMO, '--site', 'x.com', '--json', '-'], '$ACME to the moon! Views are my own.\n');
    const onLinkedIn = sera(['check', '--pack', DEMO, '--site', 'linkedin.com', '--json', '-'], '$ACME to the moon! Views are my own.\n');
    const ids = (out: string) => (JSON.parse(out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(onX.stdout)).toEqual(['stock-hype']);
    expect(ids(onLinkedIn.stdout)).toEqual([]);
  });

  it('applies rules limited to surfaces as the extension does: --surface for every draft, "surface" per JSONL line', () => {
    const pack = file(
      'surfaces.json',
      JSON.stringify({
        schemaVersion: 1,
        id: 'surfaces-cli',
        name: 'Surfaces',
        serial: 1,
        revised: '2026-11-01',
        organization: { names: ['Acme'] },
        rules: [
          { id: 'launches-in-posts', kind: 'terms', severity: 'block', message: 'Launches go through the newsroom.', terms: ['Heron'], surfaces: ['post'] },
          { id: 'customers-in-replies', kind: 'terms', severity: 'block', message: 'Do not name customers when answering.', terms: ['Bluefin'], surfaces: ['reply'] },
          { id: 'employer-in-bio', kind: 'terms', severity: 'warn', message: 'Name the employer as Acme.', terms: ['Acme Labs'], surfaces: ['bio'] },
        ],
      }),
    );
    const draft = 'Heron, Bluefin and Acme Labs';
    const ids = (out: string) => (JSON.parse(out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(sera(['check', '--pack', pack, '--json', draft]).stdout)).toEqual(['launches-in-posts']);
    expect(ids(sera(['check', '--pack', pack, '--surface', 'reply', '--json', draft]).stdout)).toEqual(['customers-in-replies']);
    expect(ids(sera(['check', '--pack', pack, '--surface', 'bio', '--site', 'x.com', '--json', draft]).stdout)).toEqual(['employer-in-bio']);

    const drafts = file('surfaces.jsonl', [{ id: 'p', text: draft }, { id: 'r', text: draft, surface: 'reply' }, { id: 'b', text: draft, surface: 'bio' }].map((d) => JSON.stringify(d)).join('\n'));
    const lines = sera(['check', '--pack', pack, '--input', drafts, '--surface', 'reply', '--json']).stdout.trimEnd().split('\n');
    expect(lines.map((line) => ids(line))).toEqual([['customers-in-replies'], ['customers-in-replies'], ['employer-in-bio']]);

    // Sera checks no profile field on Facebook, so a bio there is a usage error, not a silent pass.
    const onFacebook = sera(['check', '--pack', pack, '--surface', 'bio', '--site', 'www.facebook.com', draft]);
    expect([onFacebook.code, onFacebook.stderr.trim()]).toEqual([2, 'sera: --surface: Sera checks no bio on www.facebook.com, only post, reply']);
    const unknown = sera(['check', '--pack', pack, '--surface', 'comment', draft]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'sera: --surface must be post, reply, bio, not "comment"']);
  });

  it('checks a JSONL file of drafts, one output line per draft in order', () => {
    const drafts = file(
      'drafts.jsonl',
      [
        { id: 'a', text: 'Nova soon. Views are my own. #employee', at: AT },
        { id: 2, text: 'Nova soon. Views are my own. #employee', at: '2028-03-02T00:00:00Z' },
        { id: 'c', text: '$ACME calls! Views are my own.', site: 'reddit.com' },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    );
    const { code, stdout } = sera(['check', '--pack', DEMO, '--input', drafts, '--json']);
    expect(code).toBe(1); // the first draft names Nova before its launch: a "block" finding
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: unknown; findings: { ruleId: string }[] });
    expect(lines.map((l) => [l.id, l.findings.map((f) => f.ruleId)])).toEqual([
      ['a', ['unreleased-products']],
      [2, []],
      ['c', ['stock-hype']],
    ]);
  });

  it.each([
    [['check', '--pack', join(scratch, 'missing.json'), 'x'], /^sera: cannot read .*missing\.json: no such file$/],
    [['check', '--pack', 'package-lock.json', 'x'], /^sera: invalid pack package-lock\.json: \d+ errors$/],
    [['check', '--pack', DEMO, '--at', 'tomorrow', 'x'], /^sera: --at: "tomorrow" is not an ISO 8601 time/],
    [['check', 'x'], /^sera: missing --pack FILE/],
    [['check', '--pack', DEMO, '--bogus', 'x'], /^sera: Unknown option '--bogus'/],
    [['check', '--pack', DEMO, '--fail-on', 'fatal', 'x'], /^sera: --fail-on must be info, warn, block, not "fatal"/],
    [['frobnicate'], /^sera: unknown command "sera frobnicate"/],
    [['pack', 'frobnicate', 'x'], /^sera: unknown command "sera pack frobnicate"/],
  ])('bad input %# ends with one clear error line and exit code 2', (args, message) => {
    const { code, stderr, stdout } = sera(args);
    expect(code).toBe(2);
    expect(stderr.split('\n').find((line) => line.startsWith('sera: '))).toMatch(message);
    expect(stdout).toBe('');
  });

  it('rejects a malformed JSON file with its line and column', () => {
    const broken = file('broken.json', '{\n  "schemaVersion": 1,\n  oops\n}');
    const { code, stderr } = sera(['check', '--pack', broken, 'x']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^.*broken\.json:3:3: error: not valid JSON \(.*\); check for a missing comma, quote or bracket here\nsera: invalid pack .*broken\.json: 1 error\n$/);
  });

  it('exits quietly when the reader of its output goes away (| head)', () => {
    const drafts = file('many.jsonl', Array.from({ length: 20_000 }, (_, id) => JSON.stringify({ id, text: 'We love Acme and Nova' })).join('\n'));
    const errors = join(scratch, 'epipe-stderr.txt');
    // bash gives sera's own exit status; head exits after the first line and closes the pipe.
    const result = spawnSync('bash', ['-c', '"$0" check --pack "$1" --input "$2" 2>"$3" | head -1; exit "${PIPESTATUS[0]}"', SERA, DEMO, drafts, errors], { encoding: 'utf8' });
    expect(result.stdout).toBe('# 0\n');
    expect(readFileSync(errors, 'utf8')).toBe('');
    expect(result.status).toBe(1); // the drafts' block findings, not a crash
  });
});

describe('sera pack', () => {
  it('lint passes the demo pack, noting only its codenames that are ordinary words', () => {
    const { code, stdout } = sera(['pack', 'lint', DEMO]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/: warning: rules\[0\]\.terms\[1\]: "Tern" is an ordinary word in English: it is flagged as "block" when written as a name/m);
    expect(stdout).toMatch(/^0 errors, 4 warnings$/m);
  });

  it('lint reports schema errors (exit 2, as every command does for an invalid pack) and warnings (exit 0)', () => {
    const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as { rules: Record<string, unknown>[] };
    const invalid = file('invalid.json', JSON.stringify({ ...demo, rules: [{ ...demo.rules[0], severity: 'fatal' }] }));
    const errors = sera(['pack', 'lint', invalid]);
    expect(errors.code).toBe(2);
    expect(errors.stdout).toMatch(/invalid\.json:1:\d+: error: rules\[0\]\.severity: must be "info", "warn" or "block"/);

    const risky = file('risky.json', JSON.stringify({ ...demo, rules: [...demo.rules, { id: 'pay', kind: 'terms', severity: 'warn', message: 'm', terms: ['salary'] }] }));
    const warnings = sera(['pack', 'lint', risky]);
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toMatch(new RegExp(`warning: rules\\[${demo.rules.length}\\]\\.terms\\[0\\]: "salary" is about salary`));
  });

  it('reads pack files that start with a UTF-8 byte order mark', () => {
    const withMark = file('bom.json', `\uFEFF${readFileSync(DEMO, 'utf8')}`);
    expect(sera(['pack', 'lint', withMark])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^0 errors, /m) });
    expect(sera(['check', '--pack', withMark, '--at', AT, 'Shipping Tern'])).toMatchObject({ code: 1, stdout: expect.stringContaining('⟦Tern⟧') });
  });

  it('test runs the examples and prints "N passed, N failed"', () => {
    const passing = sera(['pack', 'test', DEMO]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^\d+ passed, 0 failed$/m);

    const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as { examples: unknown[] };
    const failing = file('failing.json', JSON.stringify({ ...demo, examples: [{ text: 'Tern', expect: [] }, { text: 'hello', expect: [] }] }));
    const result = sera(['pack', 'test', failing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^.*failing\.json:1:\d+: error: example 1 "Tern": expected nothing, found confidential-codenames$/m);
    expect(result.stdout).toMatch(/^1 passed, 1 failed$/m);
  });

  it('schema prints the JSON Schema', () => {
    const { code, stdout } = sera(['pack', 'schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'object', title: 'Sera rule pack v1' });
  });
});

describe('sera strip', () => {
  const PHOTOS = 'test/fixtures/photos';

  it('writes cleaned copies under the same names and prints one JSON object per file', () => {
    const out = join(scratch, 'strip-ok');
    const files = [`${PHOTOS}/drone-exif-xmp-gps.jpg`, `${PHOTOS}/no-metadata.jpg`, `${PHOTOS}/heic-exif-gps.heic`];
    const { code, stdout } = sera(['strip', ...files, '--out-dir', out, '--json']);
    expect(code).toBe(0);
    const reports = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(reports).toEqual([
      expect.objectContaining({ file: files[0], format: 'jpeg', cleaned: true, found: expect.objectContaining({ position: expect.any(Object) }) }),
      expect.objectContaining({ file: files[1], format: 'jpeg', cleaned: true, found: {} }),
      expect.objectContaining({ file: files[2], format: 'heif', cleaned: true, removed: expect.objectContaining({ gpsTags: 4 }) }),
    ]);
    expect(readFileSync(join(out, 'no-metadata.jpg'))).toEqual(readFileSync(files[1]!)); // nothing to remove: same bytes
    expect(readFileSync(join(out, 'drone-exif-xmp-gps.jpg')).length).toBe(readFileSync(files[0]!).length);
  });

  it('exits 3 and writes nothing for a file it cannot clean, but still cleans the others', () => {
    const out = join(scratch, 'strip-refused');
    const broken = join(scratch, 'broken.jpg');
    writeFileSync(broken, Buffer.from('\xff\xd8\xff\xe1\x00\x40Exif', 'latin1')); // a segment longer than the file
    const { code, stdout } = sera(['strip', broken, `${PHOTOS}/webp-exif-gps.webp`, '--out-dir', out, '--json']);
    expect(code).toBe(3);
    const [refused, cleaned] = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(refused).toMatchObject({ file: broken, cleaned: false, reason: expect.stringMatching(/cannot be cleaned/) });
    expect(cleaned).toMatchObject({ cleaned: true, format: 'webp' });
    expect(existsSync(join(out, 'broken.jpg'))).toBe(false);
    expect(existsSync(join(out, 'webp-exif-gps.webp'))).toBe(true);
  });

  it('names a damaged WebP chunk even when its type is blank', () => {
    const webp = join(scratch, 'blank-chunk.webp');
    const chunk = Buffer.concat([Buffer.from('    ', 'latin1'), Buffer.from([100, 0, 0, 0]), Buffer.alloc(4)]);
    const header = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([4 + chunk.length, 0, 0, 0]), Buffer.from('WEBP', 'latin1')]);
    writeFileSync(webp, Buffer.concat([header, chunk]));
    const { code, stdout } = sera(['strip', webp, '--out-dir', join(scratch, 'strip-webp'), '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ cleaned: false, reason: 'the file cannot be cleaned (WebP chunk "    " runs past the end of the file)' });
  });

  it('says in words what it removed, and takes --mode all', () => {
    const { code, stdout } = sera(['strip', `${PHOTOS}/png-exif-xmp-gps.png`, '--out-dir', join(scratch, 'strip-all'), '--mode', 'all']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Removed location \(50\.30° N, 14\.82° E\) and \d+ other metadata items from .*png-exif-xmp-gps\.png\.\n$/);
  });

  it('exits 2 on bad usage, before writing anything', () => {
    const out = join(scratch, 'strip-usage');
    expect(sera(['strip', `${PHOTOS}/no-metadata.jpg`]).code).toBe(2);
    expect(sera(['strip', '--out-dir', out]).code).toBe(2);
    expect(sera(['strip', `${PHOTOS}/no-metadata.jpg`, '--out-dir', out, '--mode', 'most']).code).toBe(2);
    expect(sera(['strip', `${PHOTOS}/no-metadata.jpg`, 'missing.jpg', '--out-dir', out]).code).toBe(2);
    expect(sera(['strip', `${PHOTOS}/no-metadata.jpg`, '--out-dir', PHOTOS]).stderr).toMatch(/overwritten/);
    expect(sera(['strip', PHOTOS, '--out-dir', out])).toMatchObject({ code: 2, stderr: `sera: cannot read ${PHOTOS}: it is a folder, not a file\n` });
    expect(existsSync(out)).toBe(false);
  });

  describe('never writes over an original or through a link', () => {
    const GPS = `${PHOTOS}/drone-exif-xmp-gps.jpg`;
    /** A folder holding a copy of a GPS photo, which must keep its bytes. */
    function original(name: string): { dir: string; photo: string } {
      const dir = join(scratch, name);
      mkdirSync(dir);
      const photo = join(dir, 'photo.jpg');
      copyFileSync(GPS, photo);
      return { dir, photo };
    }
    const unchanged = (photo: string) => expect(readFileSync(photo).equals(readFileSync(GPS))).toBe(true);

    it('refuses an --out-dir that is a symbolic link to the photo\'s folder', () => {
      const { dir, photo } = original('linked-dir');
      symlinkSync(dir, join(scratch, 'linked-dir-out'));
      const { code, stderr } = sera(['strip', photo, '--out-dir', join(scratch, 'linked-dir-out'), '--force']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/photo\.jpg is in --out-dir; the original would be overwritten/);
      unchanged(photo);
    });

    it('refuses an output name that is a symbolic link (to the original or anywhere), even with --force', () => {
      const { photo } = original('linked-name');
      const out = join(scratch, 'linked-name-out');
      mkdirSync(out);
      symlinkSync(join('..', 'linked-name', 'photo.jpg'), join(out, 'photo.jpg'));
      for (const args of [[], ['--force']]) {
        const { code, stderr } = sera(['strip', photo, '--out-dir', out, ...args]);
        expect(code).toBe(2);
        expect(stderr).toMatch(/photo\.jpg is a symbolic link; Sera does not write through links/);
      }
      unchanged(photo);
    });

    it('refuses an output name that is the original under another name (a hard link), even with --force', () => {
      const { photo } = original('hard-linked');
      const out = join(scratch, 'hard-linked-out');
      mkdirSync(out);
      linkSync(photo, join(out, 'photo.jpg'));
      const { code, stderr } = sera(['strip', photo, '--out-dir', out, '--force']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/is .*photo\.jpg under another name/);
      unchanged(photo);
    });

    it('replaces an existing file only with --force', () => {
      const { photo } = original('existing');
      const out = join(scratch, 'existing-out');
      mkdirSync(out);
      writeFileSync(join(out, 'photo.jpg'), 'an earlier copy');
      const refused = sera(['strip', photo, '--out-dir', out]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/photo\.jpg already exists; give --force to replace it/);
      expect(readFileSync(join(out, 'photo.jpg'), 'utf8')).toBe('an earlier copy');

      expect(sera(['strip', photo, '--out-dir', out, '--force']).code).toBe(0);
      expect(readFileSync(join(out, 'photo.jpg')).length).toBe(readFileSync(GPS).length);
      expect(readFileSync(join(out, 'photo.jpg')).equals(readFileSync(GPS))).toBe(false);
      unchanged(photo);
    });
  });
});
