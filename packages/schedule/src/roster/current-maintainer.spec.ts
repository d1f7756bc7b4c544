import { resolveCurrentMaintainer } from './current-maintainer';

const review = {
  intervalMonths: 1,
  maintainerEnv: 'COMPUTE_MAINTAINER',
  gitIdentities: { 'Ana@Example.com': 'ana', 'Ben Search': 'ben', 'shared@example.com': 'chloe' },
};
const members = [
  { username: 'dave', emails: ['dave@example.com', 'd.home@example.org'] },
  { username: 'ana', emails: ['ana@example.com'] },
];

describe('resolveCurrentMaintainer', () => {
  it('prefers the variable compute.json names over everything else', () => {
    expect(resolveCurrentMaintainer(review, { env: { COMPUTE_MAINTAINER: ' erin ' }, gitIdentity: { name: 'Ben Search', email: 'ana@example.com' }, rosterMembers: members })).toEqual({
      username: 'erin',
      via: 'environment variable COMPUTE_MAINTAINER',
    });
  });

  it('reads the variable named in the config, not a fixed one', () => {
    const custom = { ...review, maintainerEnv: 'WHO' };
    expect(resolveCurrentMaintainer(custom, { env: { WHO: 'erin', COMPUTE_MAINTAINER: 'zed' } }).username).toBe('erin');
  });

  it('maps git user.email (case-insensitively) before user.name', () => {
    expect(resolveCurrentMaintainer(review, { env: { COMPUTE_MAINTAINER: '' }, gitIdentity: { name: 'Ben Search', email: 'ANA@example.COM' } })).toEqual({
      username: 'ana',
      via: 'git user.email mapped by review.gitIdentities',
    });
  });

  it('maps git user.name when the e-mail is not mapped', () => {
    expect(resolveCurrentMaintainer(review, { env: {}, gitIdentity: { name: 'Ben Search', email: 'dave@example.com' }, rosterMembers: members })).toEqual({
      username: 'ben',
      via: 'git user.name mapped by review.gitIdentities',
    });
  });

  it('falls back to a roster member listing the git e-mail', () => {
    expect(resolveCurrentMaintainer(review, { env: {}, gitIdentity: { name: 'Dave', email: 'D.Home@example.org' }, rosterMembers: members })).toEqual({
      username: 'dave',
      via: 'git user.email listed in the roster file',
    });
  });

  it('says why nobody was identified', () => {
    expect(resolveCurrentMaintainer(review, { env: {}, gitIdentity: { email: 'stranger@example.com' }, rosterMembers: members })).toEqual({
      via: "nobody identified: COMPUTE_MAINTAINER is not set and git's user.email/user.name match no review.gitIdentities entry or roster e-mail",
    });
    expect(resolveCurrentMaintainer(review, { env: {} }).username).toBeUndefined();
  });
});
