// k6's sleep blocks the VU; Atomics.wait blocks this worker thread the same way.
const cell = new Int32Array(new SharedArrayBuffer(4));
export function sleep(seconds) {
  if (seconds > 0) Atomics.wait(cell, 0, 0, seconds * 1000);
}
export default { sleep };
