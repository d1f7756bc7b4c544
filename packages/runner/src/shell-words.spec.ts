import { shellWords } from './shell-words';

describe('shellWords', () => {
  it('leaves plain words bare and single-quotes the rest, so a shell reads back the same words', () => {
    expect(shellWords(['nx', 'run', 'compute:schedule_x', '--', '--only=a,b', './x@1'])).toBe('nx run compute:schedule_x -- --only=a,b ./x@1');
    expect(shellWords(['two words', '', "it's", '$HOME'])).toBe(`'two words' '' 'it'\\''s' '$HOME'`);
  });
});
