import { buildUserData, contentTypeFor, USER_DATA_BOUNDARY, USER_DATA_LIMIT_BYTES } from './user-data';

/** Splits a MIME multipart document into its parts' headers and bodies. */
function parts(document: string): { headers: Record<string, string>; body: string }[] {
  const delimiter = `\n--${USER_DATA_BOUNDARY}`;
  const [, ...rest] = document.split(delimiter);
  return rest
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => {
      const [head, ...body] = chunk.replace(/^\n/, '').split('\n\n');
      const headers = Object.fromEntries(head.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      return { headers, body: body.join('\n\n') };
    });
}

describe('contentTypeFor', () => {
  it.each([
    ['init/nvme-docker.boothook', 'text/cloud-boothook'],
    ['init/ecs-agent.sh', 'text/x-shellscript'],
    ['init/cloud.yaml', 'text/cloud-config'],
    ['init/cloud.YML', 'text/cloud-config'],
    ['init/readme.txt', undefined],
  ])('%s -> %s', (path, type) => expect(contentTypeFor(path)).toBe(type));
});

describe('buildUserData', () => {
  const files = [
    { path: 'init/nvme-docker.boothook', text: '#cloud-boothook\n#!/bin/bash\necho boot\n' },
    { path: 'init/ecs-agent.sh', text: '#!/bin/bash\necho agent\n' },
    { path: 'init/extra.yaml', text: '#cloud-config\npackages: [jq]\n' },
  ];

  it('is a MIME multipart document with one part per file, in order, typed by extension', () => {
    const { document, problems } = buildUserData(files);
    expect(problems).toEqual([]);
    expect(document.startsWith(`MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"\n\n`)).toBe(true);
    expect(document.endsWith(`\n--${USER_DATA_BOUNDARY}--\n`)).toBe(true);
    const found = parts(document);
    expect(found.map((p) => p.headers['Content-Type'])).toEqual([
      'text/cloud-boothook; charset="us-ascii"',
      'text/x-shellscript; charset="us-ascii"',
      'text/cloud-config; charset="us-ascii"',
    ]);
    // cloud-init runs scripts sorted by file name: the numbers keep the configured order.
    expect(found.map((p) => p.headers['Content-Disposition'])).toEqual([
      'attachment; filename="01-nvme-docker.boothook"',
      'attachment; filename="02-ecs-agent.sh"',
      'attachment; filename="03-extra.yaml"',
    ]);
    expect(found.map((p) => p.body)).toEqual(files.map((f) => f.text));
  });

  it('gives the same bytes for CRLF checkouts and files without a final newline', () => {
    const lf = buildUserData(files).document;
    const crlf = buildUserData(files.map((f) => ({ ...f, text: f.text.replace(/\n/g, '\r\n') }))).document;
    const unterminated = buildUserData(files.map((f) => ({ ...f, text: f.text.replace(/\n$/, '') }))).document;
    expect(crlf).toBe(lf);
    expect(unterminated).toBe(lf);
  });

  it('labels non-ASCII files as UTF-8', () => {
    const { document } = buildUserData([{ path: 'a.sh', text: 'echo "héllo"\n' }]);
    expect(document).toContain('Content-Type: text/x-shellscript; charset="utf-8"');
    expect(document).toContain('Content-Transfer-Encoding: 8bit');
  });

  it('is empty without files', () => {
    expect(buildUserData([])).toEqual({ document: '', problems: [] });
  });

  it('reports every unusable file at once', () => {
    const { problems } = buildUserData([
      { path: 'init/notes.txt', text: 'hi\n' },
      { path: 'init/ok.sh', text: 'echo\n' },
      { path: 'init/evil.sh', text: `echo\n--${USER_DATA_BOUNDARY}\n` },
    ]);
    expect(problems).toEqual([
      { index: 0, message: expect.stringContaining('*.boothook') },
      { index: 2, message: expect.stringContaining('MIME boundary') },
    ]);
  });

  it('refuses user data EC2 and Batch could not take', () => {
    const { problems } = buildUserData([{ path: 'big.sh', text: `#!/bin/sh\n${'x'.repeat(USER_DATA_LIMIT_BYTES)}\n` }]);
    expect(problems).toEqual([{ message: expect.stringMatching(/bytes of user data; EC2 allows 16384/) }]);
  });
});
