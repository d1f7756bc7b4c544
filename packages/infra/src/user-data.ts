/**
 * Launch template user data from an environment's init data files.
 *
 * AWS Batch merges its own part into the user data of a launch template, so the
 * document must be MIME multipart. Parts keep the order of `initData`; their file
 * names carry that order too, because cloud-init runs shell scripts sorted by name.
 * The boundary is fixed and line endings are normalised so the same files always give
 * the same bytes, whatever the checkout.
 */

export interface InitDataFile {
  /** Path as written in compute.json, relative to the compute project. */
  path: string;
  text: string;
}

export interface UserDataProblem {
  /** Index in `initData`, or undefined for the document as a whole. */
  index?: number;
  message: string;
}

export const USER_DATA_BOUNDARY = '==COMPUTE-INIT-DATA==';

/**
 * EC2 accepts 16 KiB of user data before base64 encoding, and Batch adds its own part
 * to ours, so keep a kibibyte free for it.
 */
export const USER_DATA_LIMIT_BYTES = 15 * 1024;

const CONTENT_TYPES: ReadonlyArray<[suffix: string, type: string]> = [
  ['.boothook', 'text/cloud-boothook'],
  ['.sh', 'text/x-shellscript'],
  ['.yaml', 'text/cloud-config'],
  ['.yml', 'text/cloud-config'],
];

export function contentTypeFor(path: string): string | undefined {
  const lower = path.toLowerCase();
  return CONTENT_TYPES.find(([suffix]) => lower.endsWith(suffix))?.[1];
}

export interface UserData {
  /** The MIME document; empty when there are no files. */
  document: string;
  problems: UserDataProblem[];
}

export function buildUserData(files: readonly InitDataFile[]): UserData {
  const problems: UserDataProblem[] = [];
  if (files.length === 0) return { document: '', problems };

  const width = Math.max(2, String(files.length).length);
  const parts = files.map((file, index) => {
    const type = contentTypeFor(file.path);
    if (!type) {
      problems.push({ index, message: `"${file.path}" has no known init data type: name it *.boothook (runs first, every boot), *.sh (runs once at first boot) or *.yaml / *.yml (cloud-config)` });
    }
    const text = file.text.replace(/\r\n?/g, '\n');
    if (text.includes(`--${USER_DATA_BOUNDARY}`)) {
      problems.push({ index, message: `"${file.path}" contains the MIME boundary "--${USER_DATA_BOUNDARY}"; remove that line` });
    }
    const ascii = /^[\x00-\x7f]*$/.test(text);
    const name = `${String(index + 1).padStart(width, '0')}-${baseName(file.path)}`;
    return [
      `--${USER_DATA_BOUNDARY}`,
      `Content-Type: ${type ?? 'text/plain'}; charset="${ascii ? 'us-ascii' : 'utf-8'}"`,
      `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`,
      `Content-Disposition: attachment; filename="${name}"`,
      '',
      // The line break before a boundary belongs to the boundary, so the file keeps its last newline.
      text.endsWith('\n') ? text : `${text}\n`,
    ].join('\n');
  });

  const document = [
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`,
    '',
    ...parts,
    `--${USER_DATA_BOUNDARY}--`,
    '',
  ].join('\n');

  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > USER_DATA_LIMIT_BYTES) {
    problems.push({ message: `the init data adds up to ${bytes} bytes of user data; EC2 allows 16384 and AWS Batch adds its own part, so keep it under ${USER_DATA_LIMIT_BYTES} (move large files to S3 or an image and fetch them at boot)` });
  }
  return { document, problems };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
