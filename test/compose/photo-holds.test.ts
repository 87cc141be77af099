import { describe, expect, it } from 'vitest';
import { PhotoHolds } from '../../src/compose/photo-holds';

const codename = { severity: 'block', summary: "In the photo IMG_1234.jpg: 'Project Phoenix' (confidential-codenames)", message: 'Internal codenames are confidential.', policyRef: '§3.1' };
const faces = { severity: 'info', summary: '2 people in the photo IMG_1234.jpg: do they agree to it being posted?' };

describe('photo holds (the photo side of the pre-post check)', () => {
  it('a photo with a block finding holds Post until it is removed or kept; other findings never hold', () => {
    const holds = new PhotoHolds();
    const upload = holds.attached();
    const hold = holds.add(upload, [faces, codename]);
    expect(hold?.findings).toEqual([{ summary: codename.summary, message: codename.message, policyRef: codename.policyRef }]);
    expect(holds.unresolved()).toEqual([hold]);
    expect(holds.add(upload, [faces])).toBeUndefined();
    holds.resolve(hold!);
    expect(holds.isOpen(hold!)).toBe(false);
    expect(holds.unresolved()).toEqual([]);
  });

  it('findings that arrive after a post went out do not hold the next one; a later photo does', () => {
    const holds = new PhotoHolds();
    const posted = holds.attached();
    const kept = holds.add(posted, [codename]);
    const late = holds.attached();
    holds.posted();
    expect(holds.unresolved()).toEqual([]);
    expect(kept && holds.isOpen(kept)).toBe(false);
    expect(holds.add(late, [codename])).toBeUndefined();
    expect(holds.unresolved()).toEqual([]);
    const next = holds.add(holds.attached(), [codename]);
    expect(holds.unresolved()).toEqual([next]);
  });
});
