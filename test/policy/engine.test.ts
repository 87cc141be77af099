import { describe, expect, it } from 'vitest';
import { compile, flagged, termsRule } from '../helpers/packs';

const products = [
  { name: 'Nova', aliases: ['Nova X1'], launch: '2027-03-01T09:00:00-08:00' },
  { name: 'Skylark', launch: '2026-01-15T09:00:00Z' },
  { name: 'Legacy Box' },
];

describe('unreleased products', () => {
  const pack = compile({
    products,
    rules: [{ id: 'unreleased', kind: 'unreleased', severity: 'block', message: 'Not announced' }],
  });
  const launch = Date.parse('2027-03-01T17:00:00Z');

  it('flags names and aliases until the launch moment, in the launch time zone', () => {
    const text = 'Nova X1 and Nova beat Skylark and Legacy Box';
    expect(flagged(pack, text, 'unreleased', { at: launch - 1000 })).toEqual(['Nova X1', 'Nova']);
    expect(flagged(pack, text, 'unreleased', { at: new Date(launch) })).toEqual([]);
    expect(flagged(pack, text, 'unreleased', { at: '2027-03-02T00:00:00Z' })).toEqual([]);
  });

  it('defaults the check time to now', () => {
    expect(flagged(pack, 'Nova', 'unreleased').length).toBe(Date.now() < launch ? 1 : 0);
  });

  it('rejects an invalid check time instead of guessing', () => {
    expect(() => pack.check('Nova', { at: 'next tuesday' })).toThrow(/Invalid check time/);
  });
});

describe('sites', () => {
  const pack = compile({ rules: [termsRule(['Tern'], { sites: ['x.com', 'reddit.com'] })] });

  it('limits a rule to its hosts and their subdomains', () => {
    expect(flagged(pack, 'Tern', 'terms', { site: 'x.com' })).toEqual(['Tern']);
    expect(flagged(pack, 'Tern', 'terms', { site: 'old.reddit.com' })).toEqual(['Tern']);
    expect(flagged(pack, 'Tern', 'terms', { site: 'linkedin.com' })).toEqual([]);
    expect(flagged(pack, 'Tern', 'terms', { site: 'notx.com' })).toEqual([]);
    expect(flagged(pack, 'Tern', 'terms')).toEqual([]);
  });
});

describe('findings', () => {
  const pack = compile({
    policyUrl: 'https://acme.example/policy',
    rules: [
      termsRule(['Project Phoenix', 'Phoenix'], { id: 'codenames', severity: 'block', policyRef: '§3.1' }),
      termsRule(['Umbrella Health'], { id: 'customers', replacement: 'a customer' }),
    ],
  });

  it('report rule, kind, severity, span, match, message and policy section', () => {
    expect(pack.check('Yes: Project Phoenix.')).toEqual([
      {
        ruleId: 'codenames',
        kind: 'terms',
        severity: 'block',
        start: 5,
        end: 20,
        match: 'Project Phoenix',
        message: 'Confidential',
        policyRef: '§3.1',
        fix: { label: 'Remove', start: 4, end: 20, replacement: '' },
        confidence: 'high',
      },
    ]);
  });

  it('prefer the longest term at a position and never overlap within a rule', () => {
    expect(flagged(pack, 'Project Phoenix and Phoenix', 'codenames')).toEqual(['Project Phoenix', 'Phoenix']);
  });

  it('offer the approved wording as the fix when the rule has one', () => {
    const [finding] = pack.check('We helped Umbrella Health today');
    expect(finding!.fix).toEqual({ label: 'Replace with “a customer”', start: 10, end: 25, replacement: 'a customer' });
  });

  it('remove a hashtag whole, leaving no stray "#" or double space', () => {
    const text = 'Big day #Phoenix today';
    const { fix } = pack.check(text)[0]!;
    expect(text.slice(0, fix!.start) + fix!.replacement + text.slice(fix!.end)).toBe('Big day today');
  });
});

describe('pattern rules', () => {
  const pack = compile({
    rules: [
      { id: 'tickets', kind: 'pattern', severity: 'info', message: 'Ticket', pattern: '\\b(?:OPS|SEC)-\\d+\\b' },
      { id: 'q', kind: 'pattern', severity: 'warn', message: 'Results', pattern: 'q[1-4] revenue', flags: 'i' },
      { id: 'cards', kind: 'pattern', severity: 'warn', message: 'Card', pattern: '\\b\\d{4}(?: \\d{4}){3}\\b', validate: 'luhn' },
      { id: 'ibans', kind: 'pattern', severity: 'warn', message: 'IBAN', pattern: '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?', validate: 'iban' },
    ],
  });

  it('find every match with UTF-16 offsets', () => {
    const text = '🙂 OPS-12 and SEC-7, not XOPS-1';
    const findings = pack.check(text);
    expect(findings.map((f) => [f.match, f.start])).toEqual([
      ['OPS-12', 3],
      ['SEC-7', 14],
    ]);
  });

  it('honour flags', () => {
    expect(flagged(pack, 'Our Q3 REVENUE grew', 'q')).toEqual(['Q3 REVENUE']);
  });

  it('keep only checksum-valid matches when asked', () => {
    expect(flagged(pack, '4111 1111 1111 1111 vs 4111 1111 1111 1112', 'cards')).toEqual(['4111 1111 1111 1111']);
    expect(flagged(pack, 'FI21 1234 5600 0007 85 vs FI21 1234 5600 0007 86', 'ibans')).toEqual(['FI21 1234 5600 0007 85']);
  });

  it('stay linear on input that makes backtracking engines explode', () => {
    const evil = compile({
      rules: [{ id: 'evil', kind: 'pattern', severity: 'warn', message: 'x', pattern: '(a+)+$' }, { id: 'other', kind: 'pattern', severity: 'warn', message: 'y', pattern: '(x+x+)+y' }],
    });
    const text = `${'a'.repeat(30_000)}!${'x'.repeat(30_000)}`;
    const started = performance.now();
    expect(evil.check(text)).toEqual([]);
    // A backtracking engine needs longer than the age of the universe here; RE2 needs milliseconds.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('detectors', () => {
  const pack = compile({
    rules: [
      {
        id: 'pii',
        kind: 'detector',
        severity: 'warn',
        message: 'Personal data',
        detectors: ['email', 'phone', 'credit-card', 'iban', 'secret', 'internal-url'],
        internalDomains: ['corp.acme.example', 'acme.internal'],
        region: 'US',
      },
    ],
  });
  const find = (text: string) => flagged(pack, text, 'pii');

  it.each([
    ['email', 'Write to jane.doe+news@mail.example.co.uk today', 'jane.doe+news@mail.example.co.uk'],
    ['phone, national', 'Call (415) 555-2671 now', '(415) 555-2671'],
    ['phone, international', 'Piga simu +254 712 345678 leo', '+254 712 345678'],
    ['phone, Finnish', 'Soita +358 40 123 4567', '+358 40 123 4567'],
    ['card with spaces', 'Card 4111 1111 1111 1111 ok', '4111 1111 1111 1111'],
    ['card with dashes', 'Card 5555-5555-5555-4444 ok', '5555-5555-5555-4444'],
    ['Amex, 15 digits', 'Card 378282246310005 ok', '378282246310005'],
    ['IBAN, grouped', 'Tili FI21 1234 5600 0007 85, kiitos', 'FI21 1234 5600 0007 85'],
    ['IBAN, compact', 'Account GB82WEST12345698765432.', 'GB82WEST12345698765432'],
    ['AWS key id', 'key AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['GitHub token', 'token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
    ['Slack token', 'xoxb-1234567890-abcdefghij', 'xoxb-1234567890-abcdefghij'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', '-----BEGIN RSA PRIVATE KEY-----'],
    ['Google API key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    [
      'JWT',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
    ['internal URL', 'See https://wiki.corp.acme.example/plan?id=3.', 'https://wiki.corp.acme.example/plan?id=3'],
    ['internal host without scheme', 'Open jira.acme.internal/browse/OPS-1, thanks', 'jira.acme.internal/browse/OPS-1'],
    ['internal domain itself', 'Go to corp.acme.example.', 'corp.acme.example'],
  ])('finds %s', (_, text, expected) => {
    expect(find(text)).toEqual([expected]);
  });

  it.each([
    ['Luhn-invalid card', 'Order 4111 1111 1111 1112 shipped'],
    ['all zeros', '0000 0000 0000 0000'],
    ['IBAN with a bad checksum', 'FI21 1234 5600 0007 86'],
    ['a date', 'See you on 2026-11-21'],
    ['a short number', 'Room 4021, floor 3'],
    ['a lookalike external host', 'https://corp.acme.example.evil.test/login and notcorp.acme.example'],
    ['an AWS-like word that is too short', 'AKIA1234'],
    ['plain prose', 'Nothing to see here, just a normal day at work.'],
  ])('ignores %s', (_, text) => {
    expect(find(text)).toEqual([]);
  });

  it('reports an IBAN once, not also as a card or phone number', () => {
    const findings = pack.check('FI21 1234 5600 0007 85');
    expect(findings).toHaveLength(1);
  });
});
