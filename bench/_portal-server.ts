/** Runs the reference portal in its own process for bench/portal.ts: argv[2] = PortalOptions as JSON. */
import { startPortal } from '../src/portal/index.js';

const portal = await startPortal(JSON.parse(process.argv[2] as string));
process.stdout.write(portal.url + '\n');
process.on('SIGTERM', () => void portal.close().then(() => process.exit(0)));
