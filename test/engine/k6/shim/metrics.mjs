// Custom metrics: like k6, every sample gets the time it was added and the
// scenario's system tag.
export class Trend {
  constructor(name, isTime) {
    this.name = name;
    this.isTime = Boolean(isTime);
  }
  add(value, tags = {}) {
    globalThis.__k6.samples.push({ metric: this.name, time: Date.now(), value, tags: { scenario: globalThis.__k6.scenario.name, ...tags } });
  }
}
export class Counter extends Trend {}
export default { Trend, Counter };
