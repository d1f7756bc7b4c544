import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TempDir, createTempDir } from '../testing/temp-dir';
import { writeOutputFile } from './output-file';

describe('writeOutputFile', () => {
  let ws: TempDir;
  beforeEach(() => (ws = createTempDir({})));
  afterEach(() => ws.cleanup());

  it('writes the text relative to the workspace root, creating folders, and returns the path to show', () => {
    const big = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => `item ${i} ${'y'.repeat(40)}`) });
    expect(big.length).toBeGreaterThan(200 * 1024);
    expect(writeOutputFile(ws.root, 'dist/reports/list.json', big)).toBe('dist/reports/list.json');
    expect(readFileSync(join(ws.root, 'dist/reports/list.json'), 'utf8')).toBe(big);
    // No temporary file is left next to it.
    expect(readdirSync(join(ws.root, 'dist/reports'))).toEqual(['list.json']);
  });

  it('replaces an existing file', () => {
    writeOutputFile(ws.root, 'out.json', 'old, longer content');
    writeOutputFile(ws.root, 'out.json', '{}');
    expect(readFileSync(join(ws.root, 'out.json'), 'utf8')).toBe('{}');
  });

  it('accepts an absolute path and shows it as given', () => {
    const path = join(ws.root, 'abs.json');
    expect(writeOutputFile(join(ws.root, 'elsewhere'), path, '[]')).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('[]');
  });

  it('refuses a folder, an empty path and an unwritable path with a message naming the option', () => {
    mkdirSync(join(ws.root, 'reports'));
    expect(() => writeOutputFile(ws.root, 'reports', '{}')).toThrow('--outputFile reports is a folder; name a file in it, e.g. --outputFile reports/report.json');
    expect(() => writeOutputFile(ws.root, ' ', '{}')).toThrow('--outputFile needs a path');
    writeFileSync(join(ws.root, 'a-file'), '');
    expect(() => writeOutputFile(ws.root, 'a-file/report.json', '{}')).toThrow(/^cannot write --outputFile a-file\/report\.json \((ENOTDIR|EEXIST)\)/);
    expect(readdirSync(ws.root).sort()).toEqual(['a-file', 'reports']);
  });
});
