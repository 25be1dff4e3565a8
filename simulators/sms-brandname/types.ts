/** A text message the simulated gateway accepted and "delivered". */
export interface SmsReceivedMessage {
  smsId: string;
  phone: string;
  brandname: string;
  content: string;
  /** True when sent as Unicode (IsUnicode 1), false for plain GSM text. */
  unicode: boolean;
  requestId: string;
  /** When it was accepted, ISO 8601 UTC. */
  receivedAt: string;
}

/** Everything the simulator holds, as `state()` and `GET /__sim/state` show it. */
export interface SmsSimulatorState {
  messages: SmsReceivedMessage[];
  /** Messages the account can still pay for. */
  balance: number;
  /** Protocol calls still to fail (`failNext`). */
  failing: number;
}
