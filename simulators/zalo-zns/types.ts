/** One parameter an approved ZNS template takes: its name and the longest value Zalo accepts. */
export interface ZnsTemplateParam {
  name: string;
  maxLength: number;
}

/** A template the simulated Official Account has had approved by Zalo. */
export interface ZnsTemplate {
  id: string;
  /** What it says, for people reading the simulator's state. */
  title: string;
  params: readonly ZnsTemplateParam[];
}

/** A message the simulated Zalo accepted and "delivered": what a test or the demo reads back. */
export interface ZnsReceivedMessage {
  msgId: string;
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  /** When it was accepted, ISO 8601 UTC. */
  receivedAt: string;
}

/** Everything the simulator holds, as `state()` and `GET /__sim/state` show it. */
export interface ZnsSimulatorState {
  messages: ZnsReceivedMessage[];
  /** The one refresh token that works now (each refresh rotates it). */
  refreshToken: string;
  /** Access tokens issued so far (by refresh), the expired ones included. */
  accessTokensIssued: number;
  refreshes: number;
  quota: { daily: number; remaining: number };
  /** Protocol calls still to fail (`failNext`). */
  failing: number;
}
