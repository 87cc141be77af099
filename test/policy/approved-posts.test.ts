import { describe, expect, it } from 'vitest';
import { lintPack } from '../../src/packs/lint';
import { compile, makePack } from '../helpers/packs';

const fields = {
  organization: { names: ['Acme'] },
  products: [{ name: 'Acme Nova', aliases: ['Nova'], launch: '2027-03-01T09:00:00Z' }],
  rules: [
    { id: 'unreleased', kind: 'unreleased', severity: 'block', message: 'Not launched yet' },
    { id: 'employee', kind: 'disclaimer', severity: 'warn', message: 'Say you work here', trigger: ['organization', 'products'], phrases: ['#employee', 'I work at Acme', 'työskentelen Acmella'], suggestion: '#employee' },
  ],
  share: [
    {
      id: 'nova-launch',
      text: { en: 'Acme Nova is here! #employee', fi: 'Acme Nova on täällä! #employee' },
      hashtags: ['AcmeNova'],
      link: 'https://acme.example/nova',
      products: ['Nova'],
    },
    { id: 'careers', text: { en: 'We are hiring at Acme. #employee' }, until: '2027-06-01T00:00:00Z', sites: ['linkedin.com'] },
  ],
};
const pack = compile(fields);

describe('approved posts', () => {
  it('stay locked before the launch: the product is confidential and no post about it is offered', () => {
    const before = { at: '2027-02-28T12:00:00Z', site: 'x.com' };
    expect(pack.check('Nova is almost ready', before).map((finding) => finding.ruleId)).toEqual(['unreleased', 'employee']);
    expect(pack.approvedPosts('Nova is almost ready', before)).toEqual([]);
  });

  it('unlock at the launch with no pack update, in the draft language, relevant when the draft names the product', () => {
    const after = { at: '2027-03-01T09:00:00Z', site: 'x.com' };
    expect(pack.approvedPosts('Nova is out today!', after)).toEqual([
      { id: 'nova-launch', text: 'Acme Nova is here! #employee #AcmeNova https://acme.example/nova', relevant: true },
    ]);
    const finnish = pack.approvedPosts('Nova julkaistiin tänään, olen tosi ylpeä tiimistä', after);
    expect(finnish[0]?.text).toBe('Acme Nova on täällä! #employee #AcmeNova https://acme.example/nova');
    expect(pack.approvedPosts('Lovely weather today', after).map((post) => [post.id, post.relevant])).toEqual([['nova-launch', false]]);
  });

  it('follow their own window and sites', () => {
    expect(pack.approvedPosts('', { at: '2027-04-01T00:00:00Z', site: 'www.linkedin.com' }).map((post) => post.id)).toEqual(['nova-launch', 'careers']);
    expect(pack.approvedPosts('', { at: '2027-07-01T00:00:00Z', site: 'www.linkedin.com' }).map((post) => post.id)).toEqual(['nova-launch']);
  });

  it('the inserted post satisfies the disclosure rule', () => {
    const [post] = pack.approvedPosts('Nova!', { at: '2027-03-02T00:00:00Z' });
    expect(pack.check(post!.text, { at: '2027-03-02T00:00:00Z' })).toEqual([]);
  });

  it('lint flags posts that would themselves be flagged, and unknown products', () => {
    const bad = makePack({ ...fields, share: [{ id: 'no-disclosure', text: { en: 'Acme Nova is great' }, products: ['Nova', 'Orbit'] }] });
    const issues = lintPack(bad, new Date('2026-12-01T00:00:00Z')).filter((issue) => issue.path.startsWith('share'));
    expect(issues.map((issue) => issue.path)).toEqual(['share[0].products[1]', 'share[0].text.en']);
    expect(issues[1]!.message).toMatch(/rule "employee"/);
    expect(lintPack(makePack(fields), new Date('2026-12-01T00:00:00Z')).filter((issue) => issue.path.startsWith('share'))).toEqual([]);
  });
});
