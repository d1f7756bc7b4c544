export { createNodes, createNodesV2, type ComputePluginOptions } from './plugins/plugin';
