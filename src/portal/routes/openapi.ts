import type { FastifyInstance } from 'fastify';
import { openapiDocument } from '../openapi.js';

export function openapiRoutes(app: FastifyInstance): void {
  const doc = openapiDocument();
  app.get('/openapi.json', async () => doc);
}
