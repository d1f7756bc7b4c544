// One project, "many", with MANY_TARGETS plain targets (default 1000): the shape of a
// plugin that infers one target per file, e.g. one per test file or one per schedule.
const { dirname } = require('node:path');

exports.createNodes = [
  '**/many-targets.json',
  (files) => {
    const count = Number(process.env.MANY_TARGETS ?? 1000);
    const targets = {};
    for (let i = 0; i < count; i++) targets[`target_${i}`] = { executor: 'nx:noop' };
    return files.map((file) => [file, { projects: { [dirname(file)]: { name: 'many', targets } } }]);
  },
];
