export * from './types';
export * from './load-roster';
export { parseRosterFile } from './file-roster';
export { GITLAB_MEMBERS_QUERY } from './gitlab-roster';
export { githubCollaboratorsUrl } from './github-roster';
export { parseLinkHeader } from './link-header';
export * from './current-maintainer';
