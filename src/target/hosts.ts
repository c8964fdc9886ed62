import { assertAllowedRequest } from '../util/loopback.js';
import { requestsOf, requestWhere } from './request.js';
import type { TargetFile } from './types.js';

/**
 * Refuses, before anything is sent, a target whose operation names a fixed host outside
 * loopback that the user did not allow (`"path": "http://192.0.2.1/x"`). Paths whose
 * host comes from a template are checked on every request, at run time, by the engines.
 */
export function assertTargetHosts(target: TargetFile, allowHosts: readonly string[]): void {
  for (const [op, spec] of Object.entries(target.operations)) {
    if (!spec) continue;
    requestsOf(spec).forEach(({ path }, i) => {
      const authority = /^https?:\/\/([^/?#]*)/i.exec(path)?.[1];
      if (authority !== undefined && !authority.includes('{{'))
        assertAllowedRequest(path, allowHosts, `${requestWhere(spec, op, i)}.path`);
    });
  }
}
