import { literal, literalMap, terraformName, unliteral } from './terraform-text';

describe('literal', () => {
  it('doubles template introducers so Terraform keeps them as text', () => {
    expect(literal('echo ${HOME} and %{ if x }')).toBe('echo $${HOME} and %%{ if x }');
  });

  it('leaves lone dollars, percents and braces alone', () => {
    expect(literal('cost $5, 100% {ok} $HOME')).toBe('cost $5, 100% {ok} $HOME');
  });

  it('round-trips through unliteral', () => {
    const text = 'a ${b} $${c} %{d} $$ %%';
    expect(unliteral(literal(text))).toBe(text);
  });

  it('escapes keys and values of maps and sorts the keys', () => {
    expect(literalMap({ z: '${x}', a: 'plain' })).toEqual({ a: 'plain', z: '$${x}' });
    expect(Object.keys(literalMap({ z: '', a: '' }))).toEqual(['a', 'z']);
  });
});

describe('terraformName', () => {
  it('keeps valid identifiers as they are', () => {
    expect(terraformName('compute-heartbeat')).toBe('compute-heartbeat');
    expect(terraformName('team_role')).toBe('team_role');
  });

  it('sanitises other values with a hash, so look-alikes differ', () => {
    const dotted = terraformName('team.role');
    const underscored = terraformName('team_role');
    expect(dotted).toMatch(/^_team_role_[0-9a-f]{8}$/);
    expect(dotted).not.toBe(underscored);
    expect(terraformName('ops@example.com')).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(terraformName('1role')).toMatch(/^_1role_[0-9a-f]{8}$/);
  });
});
