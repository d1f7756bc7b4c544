module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  // End-to-end specs (*.e2e.spec.ts) and checks of the workspace itself (lockfile).
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Each test drives the real nx CLI; two cores are shared by whole Nx processes.
  testTimeout: 180_000,
  maxWorkers: 1,
};
