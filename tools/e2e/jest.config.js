module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  // Each test drives the real nx CLI; two cores are shared by whole Nx processes.
  testTimeout: 180_000,
  maxWorkers: 1,
};
