// The loader-based way to start the reading worker, when it cannot be bundled
// (worker-source.ts): worker threads do not inherit the tsx loader the main thread
// runs under, so the worker registers it before importing its TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./accumulate-worker.ts');
