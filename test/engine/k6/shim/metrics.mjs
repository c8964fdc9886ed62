// Custom metrics: like k6, every sample gets the time it was added, the scenario's
// system tag, and the VU's metadata at that moment (exec.vu.metrics.metadata, kept
// apart from the tags as k6's --out json writes it).
export class Trend {
  constructor(name, isTime) {
    this.name = name;
    this.isTime = Boolean(isTime);
  }
  add(value, tags = {}) {
    const k6 = globalThis.__k6;
    const sample = {
      metric: this.name,
      time: Date.now(),
      value,
      tags: { scenario: k6.scenario.name, ...k6.vu.metrics.tags, ...tags },
    };
    if (Object.keys(k6.vu.metrics.metadata).length > 0) sample.metadata = { ...k6.vu.metrics.metadata };
    k6.samples.push(sample);
  }
}
export class Counter extends Trend {}
export default { Trend, Counter };
