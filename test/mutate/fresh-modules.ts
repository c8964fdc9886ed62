import { vi } from 'vitest';

// Mutation runs keep one vitest worker from mutant to mutant (keep-worker-hook.mjs) with
// `isolate: false`; without this, a module's own state outlived a run (a memo filled by
// the previous mutant's tests hid a mutant that breaks filling it: 4 false survivors in
// src/journey/machine.ts). Resetting the registry before each test file re-evaluates the
// project's modules as an isolated run would; node_modules stay loaded (Node's own cache),
// which is most of what a new worker cost.
vi.resetModules();
