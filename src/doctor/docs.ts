/** Links to the pages that explain a failure: Flink's docs (stable), and the platform's own. */

const FLINK = 'https://nightlies.apache.org/flink/flink-docs-stable/docs/';

export const docs = {
  trouble: (anchor: string): string => `${FLINK}deployment/memory/mem_trouble/#${anchor}`,
  setupTm: (anchor?: string): string =>
    `${FLINK}deployment/memory/mem_setup_tm/${anchor ? `#${anchor}` : ''}`,
  setupJm: (anchor?: string): string =>
    `${FLINK}deployment/memory/mem_setup_jobmanager/${anchor ? `#${anchor}` : ''}`,
  tuning: (anchor?: string): string =>
    `${FLINK}deployment/memory/mem_tuning/${anchor ? `#${anchor}` : ''}`,
  network: (): string => `${FLINK}deployment/memory/network_mem_tuning/`,
  /** The configuration reference entry of an option: dots become dashes in the anchor. */
  option: (key: string): string => `${FLINK}deployment/config/#${key.replace(/\./g, '-')}`,
  classloading: (): string => `${FLINK}ops/debugging/debugging_classloading/`,
  python: (): string => `${FLINK}dev/python/python_config/`,
  yarnDefaults: (): string =>
    'https://hadoop.apache.org/docs/stable/hadoop-yarn/hadoop-yarn-common/yarn-default.xml',
  k8sMemory: (): string =>
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-containers-memory-limit',
};
