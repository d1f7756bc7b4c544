import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  SCHEDULE_FILE_SUFFIX,
  type CurrentMaintainer,
  type Problem,
  type Schedule,
  checkMaintainers,
  checkReviews,
  loadCatalog,
  loadRoster,
  isoDate,
  parseJson,
  resolveCurrentMaintainer,
  scheduleNameFromFile,
  sortProblems,
  todayUtc,
} from '@compute/schedule';
import type { ExecutorIO } from '../shared/executor-io';

export interface CheckOptions {
  workspaceRoot: string;
  /** The compute project from the workspace root. */
  projectRoot: string;
  strict: boolean;
}

export interface CheckReport {
  /** Schedule files looked at. */
  checked: number;
  /** Every problem of every file, sorted by file. */
  problems: Problem[];
  /** Where the roster came from and how many people it lists, when it loaded. */
  roster?: { source: string; size: number };
  currentMaintainer?: CurrentMaintainer;
}

/** The rules read only a schedule's identity and its meta block. */
type RuleSubject = Pick<Schedule, 'name' | 'file'> & { definition: Pick<Schedule['definition'], 'meta'> };

/**
 * The whole gate: every file's schema and cross references, maintainers against
 * the roster, and review freshness. Never throws for bad input; a roster that
 * cannot be loaded (missing token, HTTP failure) is one more problem.
 */
export async function checkComputeProject(options: CheckOptions, io: ExecutorIO): Promise<CheckReport> {
  const { catalog, problems, checked } = loadCatalog(options.workspaceRoot, options.projectRoot);
  if (!catalog) return { checked, problems };

  const all = [...problems];
  const partial = partialSubjects(options, new Set(catalog.schedules.map((s) => s.file)));
  // The rules take whole schedules but read only name, file and definition.meta.
  const maintainerSubjects = [...catalog.schedules, ...partial.maintainers] as unknown as Schedule[];
  const reviewSubjects = [...catalog.schedules, ...partial.reviews] as unknown as Schedule[];

  const projectDir = join(options.workspaceRoot, options.projectRoot);
  const roster = await loadRoster(catalog.config.roster, { projectDir, projectRoot: options.projectRoot, env: io.env, fetch: io.fetch });
  if (roster.ok) {
    all.push(...checkMaintainers(maintainerSubjects, roster.usernames, roster.source));
  } else {
    all.push(...(roster.problems.length > 0 ? roster.problems : [{ file: roster.file ?? catalog.configFile, path: roster.path ?? '/roster', severity: 'error' as const, message: roster.message }]));
  }

  const review = catalog.config.review;
  const needsGit = !io.env[review.maintainerEnv]?.trim();
  const currentMaintainer = resolveCurrentMaintainer(review, {
    env: io.env,
    gitIdentity: needsGit ? io.gitIdentity() : undefined,
    rosterMembers: roster.ok && catalog.config.roster.source === 'file' ? roster.members : undefined,
  });
  all.push(
    ...checkReviews(reviewSubjects, {
      today: todayUtc(io.now()),
      intervalMonths: review.intervalMonths,
      currentMaintainer: currentMaintainer.username,
      strict: options.strict,
    }),
  );

  return {
    checked,
    problems: sortProblems(all),
    roster: roster.ok ? { source: roster.source, size: roster.usernames.length } : undefined,
    currentMaintainer,
  };
}

/**
 * Schedules with other errors are left out of the catalog, but their maintainers
 * and review date are still checked whenever those fields can be read, even if
 * the rest of the meta block is wrong: one run shows every problem of the file
 * instead of revealing them one fix at a time.
 */
function partialSubjects(options: CheckOptions, valid: ReadonlySet<string>): { maintainers: RuleSubject[]; reviews: RuleSubject[] } {
  const dir = join(options.workspaceRoot, options.projectRoot);
  const subjects = { maintainers: [] as RuleSubject[], reviews: [] as RuleSubject[] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(SCHEDULE_FILE_SUFFIX)).sort();
  } catch {
    return subjects;
  }
  for (const fileName of names) {
    const file = options.projectRoot === '' || options.projectRoot === '.' ? fileName : posix.join(options.projectRoot.replace(/\\/g, '/'), fileName);
    if (valid.has(file)) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, fileName), 'utf8');
    } catch {
      continue;
    }
    const json = parseJson(text);
    if (!json.ok) continue;
    const meta = asRecord(asRecord(json.value)?.meta);
    if (!meta) continue;
    const maintainers = Array.isArray(meta.maintainers) ? meta.maintainers.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : [];
    const lastReview = typeof meta.lastReview === 'string' && isoDate.safeParse(meta.lastReview).success ? meta.lastReview : undefined;
    const name = scheduleNameFromFile(fileName) ?? fileName;
    // The rules read maintainers and lastReview only; a stand-in never reaches a report.
    const subject = (fields: Partial<Schedule['definition']['meta']>): RuleSubject => ({ name, file, definition: { meta: { description: '', requiredBy: [], maintainers, lastReview: '', ...fields } } });
    if (maintainers.length > 0) subjects.maintainers.push(subject({}));
    if (lastReview) subjects.reviews.push(subject({ lastReview }));
  }
  return subjects;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
