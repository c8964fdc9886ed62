// The fields of k6/execution the driver reads, set by vu.mjs before each iteration.
export default {
  get scenario() {
    return globalThis.__k6.scenario;
  },
  get vu() {
    return globalThis.__k6.vu;
  },
  // k6 stops the whole test; here the iteration ends with the message as its error.
  test: {
    abort(message) {
      throw new Error(`test aborted: ${message}`);
    },
  },
};
