import type { ChartBuilder } from '../chart.js';
import { quotaFillChart } from './quota-fill.js';

/** Every chart of the report, in page order. Add a builder here to add a chart. */
export const CHARTS: ChartBuilder[] = [
  quotaFillChart,
];
