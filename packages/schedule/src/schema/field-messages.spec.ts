import { scheduleFileSchema } from './schedule-file';
import { validScheduleInput } from '@compute/schedule/testing';

/** The messages of one field, as compute:test prints them. */
function messagesOf(field: string, value: Record<string, unknown>): string[] {
  const result = scheduleFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path.join('/') === field).map((issue) => issue.message);
}

describe('awsRole messages say what is wrong with the value at hand', () => {
  it.each([
    ['', 'must not be empty: the name of the IAM role the job assumes, e.g. compute-report'],
    ['arn:aws:iam::123456789012:role/jobs/compute-report', 'must be the role\'s name, not its ARN: write "compute-report"'],
    ['r'.repeat(65), 'is 65 characters long; IAM role names have at most 64'],
    ['compute report', 'must be an IAM role name: letters, digits and + = , . @ _ - only'],
  ])('%j', (awsRole, message) => {
    expect(messagesOf('awsRole', { ...validScheduleInput(), awsRole })).toEqual([message]);
  });

  it('accepts a role name', () => {
    expect(messagesOf('awsRole', { ...validScheduleInput(), awsRole: 'compute-report+x=y,z.@_' })).toEqual([]);
  });
});

describe('a date in the wrong form is one problem, not two', () => {
  it('meta.lastReview', () => {
    const meta = { ...validScheduleInput().meta };
    expect(messagesOf('meta/lastReview', { ...validScheduleInput(), meta: { ...meta, lastReview: 'last week' } })).toEqual(['must be a date written YYYY-MM-DD']);
    expect(messagesOf('meta/lastReview', { ...validScheduleInput(), meta: { ...meta, lastReview: '2026-02-30' } })).toEqual(['is not a real calendar date']);
  });

  it('startDate', () => {
    expect(messagesOf('startDate', { ...validScheduleInput(), startDate: 'tomorrow' })).toEqual(['must be an ISO 8601 date-time with a zone, e.g. 2027-01-01T00:00:00Z']);
  });
});
