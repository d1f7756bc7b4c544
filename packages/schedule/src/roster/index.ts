export * from './types';
export { parseRosterFile } from './file-roster';
export { projectFile, rosterFailure, type RosterFailure } from './failure';
export { membersOf, stripSuffix, uniqueUsernames } from './usernames';
export * from './current-maintainer';
