import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../../src/portal/openapi.js';
import type { RequestSpec, TargetFile } from '../../src/target/types.js';
import { client, portals } from './client.js';

const start = portals();

describe('the OpenAPI 3.1 document of the reference portal', () => {
  it('is served, and equals targets/reference-portal.openapi.json (regenerate: rehearse portal --openapi targets/reference-portal.openapi.json)', async () => {
    const portal = await start({ strategy: 'throttle', workers: 2, serviceMs: 0 });
    const c = client(portal.url);
    const served = (await c.get('/openapi.json')).body;
    expect(served.openapi).toBe('3.1.0');
    expect(served).toEqual(openapiDocument());
    expect(JSON.parse(readFileSync('targets/reference-portal.openapi.json', 'utf8'))).toEqual(served);
    await c.close();
  });

  it('documents every operation the reference target file sends, under its operationId', () => {
    const doc = openapiDocument() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const target = JSON.parse(readFileSync('targets/reference.json', 'utf8')) as TargetFile;
    const ids = new Map<string, string>();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(methods))
        if (op.operationId) ids.set(op.operationId, `${m.toUpperCase()} ${path}`);
    // The reference target maps each operation onto one request.
    for (const [op, spec] of Object.entries(target.operations) as Array<[string, RequestSpec]>) {
      const openapiPath = spec!.path.replace(/\{\{vars\.\w+\}\}|\{\{candidate\.\w+\}\}/g, (m) =>
        m.includes('email') ? '{email}' : '{token}',
      );
      expect(ids.get(op), op).toBe(`${spec!.method} ${openapiPath}`);
    }
  });
});
