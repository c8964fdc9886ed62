import type { ChartBuilder } from '../chart.js';
import { attemptsChart } from './attempts.js';
import { classesChart } from './classes.js';
import { countriesChart } from './countries.js';
import { fairnessChart } from './fairness.js';
import { latencyChart } from './latency.js';
import { loadChart } from './load.js';
import { quotaFillChart } from './quota-fill.js';
import { timeToOutcomeChart } from './time-to-outcome.js';

/** Every chart of the report, in page order. Add a builder here to add a chart. */
export const CHARTS: ChartBuilder[] = [
  quotaFillChart,
  loadChart,
  classesChart,
  latencyChart,
  timeToOutcomeChart,
  attemptsChart,
  countriesChart,
  fairnessChart,
];
