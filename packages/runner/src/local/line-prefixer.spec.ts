import { LinePrefixer } from './line-prefixer';

describe('LinePrefixer', () => {
  it('prefixes whole lines across chunk boundaries and flushes a last partial line', () => {
    let out = '';
    const p = new LinePrefixer('[2] ', (t) => (out += t));
    p.push(Buffer.from('one\ntw'));
    expect(out).toBe('[2] one\n');
    p.push(Buffer.from('o\n\nthree'));
    p.end();
    expect(out).toBe('[2] one\n[2] two\n[2] \n[2] three\n');
  });

  it('does not split a multi-byte character cut between chunks', () => {
    let out = '';
    const p = new LinePrefixer('> ', (t) => (out += t));
    const bytes = Buffer.from('é\n');
    p.push(bytes.subarray(0, 1));
    p.push(bytes.subarray(1));
    expect(out).toBe('> é\n');
  });
});
