export * from './types';
export { parseRosterFile } from './file-roster';
export { rosterFailure, type RosterFailure } from './failure';
export { membersOf, stripSuffix, uniqueUsernames } from './usernames';
export * from './current-maintainer';
