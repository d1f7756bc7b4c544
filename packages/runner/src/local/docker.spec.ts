import { containerStartHint } from './docker';

describe('containerStartHint', () => {
  // docker 26 on a host whose hard open-files limit is below the job definition's.
  const refused =
    'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ' +
    'error during container init: error setting rlimits for ready process: error setting rlimit type 7: operation not permitted: unknown\n';

  it("explains an engine that cannot grant the job definition's ulimits, naming them", () => {
    const hint = containerStartHint(refused, [{ name: 'nofile', softLimit: 1048576, hardLimit: 1048576 }]);
    expect(hint).toContain("cannot grant the job definition's ulimits (nofile=1048576:1048576)");
    expect(hint).toContain('LimitNOFILE=1048576');
    expect(hint).toContain('ulimit -Hn 1048576');
  });

  it('says nothing for other reasons docker gives', () => {
    expect(containerStartHint('docker: Error response from daemon: Minimum memory limit allowed is 6MB.\n')).toBeUndefined();
    expect(containerStartHint('')).toBeUndefined();
  });
});
