import { describe, expect, it } from 'vitest';
import { assertTargetHosts } from '../../src/target/hosts.js';
import type { TargetFile } from '../../src/target/types.js';

/**
 * A fixed host outside loopback in a target file is refused before anything is sent
 * (COMMON rule: load goes only to loopback unless the user allows the host), naming the
 * operation, the request's index and the host; templated hosts are left to run time.
 */
const target = (operations: TargetFile['operations']): TargetFile => ({ name: 't', operations });

describe('fixed hosts in a target file', () => {
  it('refuses a non-loopback host, naming the operation field and the --allow-host to pass', () => {
    expect(() =>
      assertTargetHosts(target({ createAccount: { method: 'POST', path: 'http://192.0.2.1/a' } }), []),
    ).toThrow(
      'refused to send to http://192.0.2.1/a (operations.createAccount.path): 192.0.2.1 is not a loopback address; pass --allow-host 192.0.2.1 if you own it and mean to load it',
    );
  });

  it('names the request of a multi-request operation, and reads the scheme case-insensitively', () => {
    const t = target({
      signIn: {
        requests: [
          { method: 'GET', path: '/form' },
          { method: 'POST', path: 'HTTPS://portal.example/login' },
        ],
      },
    });
    expect(() => assertTargetHosts(t, [])).toThrow(
      /^refused to send to HTTPS:\/\/portal\.example\/login \(operations\.signIn\.requests\[1\]\.path\): portal\.example is not a loopback address/,
    );
    expect(() => assertTargetHosts(t, ['portal.example'])).not.toThrow();
  });

  it('lets through loopback hosts, relative paths and hosts that come from a template', () => {
    const t = target({
      createAccount: { method: 'POST', path: 'http://127.0.0.1:8080/a' },
      signIn: { method: 'POST', path: 'http://[::1]/s' },
      submitApplication: { method: 'POST', path: 'https://{{vars.host}}/apply' },
      checkStatus: { method: 'GET', path: '/status?next=http://192.0.2.1/' },
    });
    expect(() => assertTargetHosts(t, [])).not.toThrow();
  });

  it('checks every operation, not only the first', () => {
    const t = target({
      createAccount: { method: 'POST', path: '/a' },
      submitApplication: { method: 'POST', path: 'http://10.0.0.7/apply' },
    });
    expect(() => assertTargetHosts(t, [])).toThrow(/\(operations\.submitApplication\.path\): 10\.0\.0\.7 is not/);
  });
});
