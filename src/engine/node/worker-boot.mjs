// Worker threads do not inherit the tsx loader the main thread runs under, so each
// worker registers it before importing the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
