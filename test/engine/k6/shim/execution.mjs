// The fields of k6/execution the driver reads, set by vu.mjs before each iteration.
export default {
  get scenario() {
    return globalThis.__k6.scenario;
  },
  get vu() {
    return globalThis.__k6.vu;
  },
};
