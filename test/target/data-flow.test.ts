/**
 * `target check` follows the journey's values through the target file (issue 15.4): a
 * `{{vars.x}}` used before any operation of the journey captures it is a mapping that
 * cannot work, even when the file is valid on its own.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { dataFlowProblems } from '../../src/target/data-flow.js';
import { loadTarget } from '../../src/target/load.js';
import type { TargetFile } from '../../src/target/types.js';
import { rehearseCli } from '../cli/cli.js';

const target: TargetFile = {
  name: 'flow',
  operations: {
    signIn: { method: 'POST', path: '/login', capture: { jeton: { from: 'cookie', name: 'jeton' } } },
    createAccount: {
      requests: [
        { method: 'GET', path: '/register', capture: { csrf: { from: 'body', regex: 'v="(\\w+)"' } } },
        {
          method: 'POST',
          path: '/register',
          form: { csrf: '{{vars.csrf}}' },
          capture: { id: { from: 'header', name: 'location' } },
        },
      ],
    },
    submitApplication: {
      method: 'POST',
      path: '/files/{{vars.id}}',
      headers: { authorization: 'Bearer {{vars.jeton}}' },
    },
    checkStatus: {
      method: 'GET',
      path: '/status/{{vars.receipt}}',
      capture: { receipt: { from: 'json', pointer: '/r' } },
    },
  },
};

describe('the data flow of a journey through a target file', () => {
  it('names each value used before the journey captures it, and why', () => {
    expect(dataFlowProblems(target, ['createAccount', 'submitApplication'], "launch-day's journey")).toEqual([
      "operations.submitApplication.headers.authorization: {{vars.jeton}} is used before launch-day's journey captures it: only operations.signIn captures it, which launch-day's journey never runs",
    ]);
    expect(dataFlowProblems(target, ['submitApplication', 'createAccount', 'signIn'], 'j')).toEqual([
      'operations.submitApplication.path: {{vars.id}} is used before j captures it: it is captured only later, by operations.createAccount',
      'operations.submitApplication.headers.authorization: {{vars.jeton}} is used before j captures it: it is captured only later, by operations.signIn',
    ]);
    expect(dataFlowProblems(target, ['checkStatus'], 'j')).toEqual([
      'operations.checkStatus.path: {{vars.receipt}} is used before j captures it: it is captured only later, by operations.checkStatus',
    ]);
    expect(dataFlowProblems(target, ['browse'], 'j')).toEqual([
      'operations.browse: j runs it; expected a mapping for it',
    ]);
  });

  it('accepts values captured earlier in the journey, earlier in the same operation, or given a default', () => {
    expect(dataFlowProblems(target, ['signIn', 'createAccount', 'submitApplication'], 'j')).toEqual([]);
    expect(
      dataFlowProblems({ ...target, variables: { jeton: 't' } }, ['createAccount', 'submitApplication'], 'j'),
    ).toEqual([]);
  });

  it('holds for the reference target and every built-in scenario', async () => {
    const reference = await loadTarget('targets/reference.json');
    for (const name of ['launch-day', 'election-night', 'status-tracker', 'eoi-draw']) {
      const sc = await loadScenario(name);
      expect(
        dataFlowProblems(
          reference,
          sc.journey.steps.map((s) => s.op),
          name,
        ),
        name,
      ).toEqual([]);
    }
  });

  it('says each place once, names every operation that captures a value, and checks the file headers for every journey', () => {
    const t: TargetFile = {
      name: 'edges',
      headers: { 'x-t': '{{vars.t}}', 'x-u': '{{uuid}}' },
      operations: {
        browse: { method: 'GET', path: '/{{vars.k}}/{{vars.k}}/{{vars}}', capture: { k: { from: 'status' } } },
        signIn: {
          requests: [
            { method: 'GET', path: '/a', capture: { t: { from: 'body' } } },
            { method: 'GET', path: '/b', capture: { t: { from: 'body' }, m: { from: 'body' } } },
          ],
        },
        checkStatus: { method: 'GET', path: '/s', capture: { m: { from: 'status' } } },
        submitApplication: { method: 'POST', path: '/{{vars.m}}' },
      },
    };
    expect(dataFlowProblems(t, ['browse', 'submitApplication'], 'j')).toEqual([
      'operations.browse.path: {{vars.k}} is used before j captures it: it is captured only later, by operations.browse',
      'headers.x-t: {{vars.t}} is used before j captures it: only operations.signIn captures it, which j never runs',
      'operations.submitApplication.path: {{vars.m}} is used before j captures it: only operations.signIn, operations.checkStatus capture it, which j never runs',
    ]);
    expect(dataFlowProblems(t, ['submitApplication', 'signIn', 'checkStatus'], 'j')).toEqual([
      'operations.submitApplication.path: {{vars.m}} is used before j captures it: it is captured only later, by operations.signIn, operations.checkStatus',
      'headers.x-t: {{vars.t}} is used before j captures it: it is captured only later, by operations.signIn',
    ]);
    // The file's headers go with the first request of signIn too, before that request
    // captures t; m, captured by signIn's second request, serves submitApplication.
    expect(dataFlowProblems(t, ['signIn', 'submitApplication'], 'j')).toEqual([
      'headers.x-t: {{vars.t}} is used before j captures it: it is captured only later, by operations.signIn',
    ]);
  });

  it('makes `target check` exit 2 with the line, before any request', async () => {
    const r = await rehearseCli([
      'target',
      'check',
      'test/fixtures/other-portal/target.json',
      '--journey',
      'submitApplication',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'operations.submitApplication.headers.cookie: {{vars.session}} is used before the given journey captures it: only operations.createAccount captures it, which the given journey never runs',
    );
  }, 120_000);
});
