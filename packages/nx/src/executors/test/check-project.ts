import { join } from 'node:path';
import {
  type CurrentMaintainer,
  type GitIdentity,
  type Problem,
  checkFleet,
  checkImageEntrypoints,
  checkMaintainers,
  checkReviews,
  checkSchedulingDates,
  loadCatalog,
  readProjectFiles,
  strayScheduleFiles,
  locateProblemsInFiles,
  resolveCurrentMaintainer,
  sortProblems,
  todayUtc,
} from '@compute/schedule';
import { type ComputeIO, loadRoster } from '@compute/runner';

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

/**
 * The whole gate: every file's schema and cross references, start and end dates,
 * load against each environment's capacity and start-minute pile-ups, maintainers
 * against the roster, and review freshness. Never throws for bad input;
 * a roster that cannot be loaded (missing token, HTTP failure) is one more problem.
 */
/** The port, and the gate's two adapters: the roster's network and git's identity. */
export interface TestIO extends ComputeIO {
  /** For remote roster sources; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** git's user.name and user.email, read only when the maintainer variable is not set. */
  gitIdentity: () => GitIdentity;
}

export async function checkComputeProject(options: CheckOptions, io: TestIO): Promise<CheckReport> {
  const { catalog, problems, checked, partial } = loadCatalog(options.workspaceRoot, options.projectRoot);
  if (!catalog) return { checked, problems };

  const all = [...problems];
  // Files with other errors are checked too, on the fields that can be read: one run
  // shows every problem of a file instead of revealing them one fix at a time.
  const subjects = [...catalog.schedules, ...partial];
  const now = io.now();
  all.push(...checkSchedulingDates(subjects, now));
  all.push(...checkImageEntrypoints(catalog.schedules, catalog.config.image));
  // Files meant as schedules that no target reads (a misspelt name, a subfolder) would pass silently.
  const rosterConfig = catalog.config.roster;
  all.push(...strayScheduleFiles(readProjectFiles(options.workspaceRoot, options.projectRoot), options.projectRoot, rosterConfig.source === 'file' ? [rosterConfig.path] : []));
  // Load against capacity and start-minute pile-ups over the next week: advice, so warnings
  // (compute.json fleet.warningsAsErrors makes them errors; --strict does not).
  all.push(...checkFleet(catalog, now).problems);

  const projectDir = join(options.workspaceRoot, options.projectRoot);
  const roster = await loadRoster(catalog.config.roster, { projectDir, projectRoot: options.projectRoot, env: io.env, fetch: io.fetch });
  if (roster.ok) {
    all.push(...checkMaintainers(subjects, roster.usernames, roster.source));
  } else {
    all.push(...roster.problems);
  }

  const review = catalog.config.review;
  const needsGit = !io.env[review.maintainerEnv]?.trim();
  const currentMaintainer = resolveCurrentMaintainer(review, {
    env: io.env,
    gitIdentity: needsGit ? io.gitIdentity() : undefined,
    rosterMembers: roster.ok && catalog.config.roster.source === 'file' ? roster.members : undefined,
  });
  all.push(
    ...checkReviews(subjects, {
      today: todayUtc(now),
      intervalMonths: review.intervalMonths,
      currentMaintainer: currentMaintainer.username,
      strict: options.strict,
    }),
  );

  return {
    checked,
    // The catalog's own problems are located already; this adds the rules' (same files, read once each).
    problems: locateProblemsInFiles(options.workspaceRoot, sortProblems(all)),
    roster: roster.ok ? { source: roster.source, size: roster.usernames.length } : undefined,
    currentMaintainer,
  };
}
