import type { Schedule } from '../catalog/catalog';
import { nextRuns } from '../expression';

export interface SharedStart {
  /** The run, ISO 8601 UTC, that the most schedules of the environment start at. */
  at: string;
  environment: string;
  /** The other schedules starting at that minute, sorted. */
  others: string[];
}

export interface SharedStartOptions {
  after: Date;
  /** How far ahead runs are compared (default 7 days, so weekly schedules meet). */
  days?: number;
}

const MAX_RUNS_PER_SCHEDULE = 2_000;

/**
 * For each schedule of `catalog`, the minute in the coming days at which the most other
 * schedules of the same compute environment start too: jobs starting together compete for
 * the same Spot capacity and all wait for instances together. Rate schedules are left out:
 * their phase comes from when they were created, which is not known here.
 */
export class SharedStarts {
  private readonly byEnvironment = new Map<string, Map<number, string[]>>();
  private readonly runs = new Map<string, number[]>();
  private readonly environments: Map<string, string>;

  constructor(schedules: readonly Schedule[], options: SharedStartOptions) {
    this.environments = new Map(schedules.map((s) => [s.name, s.environment.name]));
    const after = new Date(Math.floor(options.after.getTime() / 60_000) * 60_000);
    const until = new Date(after.getTime() + (options.days ?? 7) * 86_400_000);
    for (const schedule of schedules) {
      const d = schedule.definition;
      if (!d.enabled || d.scheduleExpression.kind === 'rate') continue;
      const runs = nextRuns(d.scheduleExpression, {
        timezone: d.timezone,
        after,
        count: MAX_RUNS_PER_SCHEDULE,
        startDate: d.startDate ? new Date(d.startDate) : undefined,
        endDate: new Date(Math.min(until.getTime(), d.endDate ? Date.parse(d.endDate) : Infinity)),
      }).map((run) => Math.floor(run.getTime() / 60_000) * 60_000);
      this.runs.set(schedule.name, runs);
      let minutes = this.byEnvironment.get(schedule.environment.name);
      if (!minutes) this.byEnvironment.set(schedule.environment.name, (minutes = new Map()));
      for (const minute of runs) {
        const names = minutes.get(minute);
        if (names) names.push(schedule.name);
        else minutes.set(minute, [schedule.name]);
      }
    }
  }

  /** The busiest start of `name`, or undefined when it starts alone (or is not a cron/at schedule). */
  of(name: string): SharedStart | undefined {
    const environment = this.environments.get(name);
    const minutes = environment === undefined ? undefined : this.byEnvironment.get(environment);
    let best: { at: number; names: string[] } | undefined;
    for (const minute of this.runs.get(name) ?? []) {
      const names = minutes?.get(minute) ?? [];
      if (!best || names.length > best.names.length) best = { at: minute, names };
    }
    if (!best || best.names.length < 2 || environment === undefined) return undefined;
    return { at: new Date(best.at).toISOString(), environment, others: best.names.filter((n) => n !== name).sort() };
  }
}
