import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../simulators/national-procedures';
import type { GatewayConfigInput } from '../config';

export interface DemoSources {
  /** The configuration pointing at the simulators. */
  config: GatewayConfigInput;
  simulators: { nationalProcedures: NationalProceduresSimulator };
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Seed of every simulator's data. @default 20240315 */
  seed?: number;
  /** Procedures in the national simulator. @default 2000 */
  procedures?: number;
}

/**
 * The embedded demo: every simulated source on loopback (ephemeral ports) and a
 * configuration that points the gateway at them. What `npm start` runs with no config.
 */
export async function startDemoSources({ seed = 20240315, procedures = 2000 }: DemoOptions = {}): Promise<DemoSources> {
  const credentials = { username: 'lienthong', password: 'demo-secret', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider' };
  const nationalProcedures = await startNationalProceduresSimulator({ seed, procedures, ...credentials });
  return {
    simulators: { nationalProcedures },
    config: {
      sources: {
        nationalProcedures: { url: nationalProcedures.url, ...credentials },
      },
    },
    close: () => nationalProcedures.close(),
  };
}
