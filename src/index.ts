// zerovm-ts runtime core: no Node APIs. Re-exports grow as the modules land.
export const ZEROVM_TS_VERSION = '0.1.0';
