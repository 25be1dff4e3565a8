import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { webhookAddressRefusal, type WebhookAddressOptions } from './webhook-address';

/** The `code` of the error a refused address fails a call with (found on the error or its causes). */
export const WEBHOOK_ADDRESS_REFUSED = 'WEBHOOK_ADDRESS_REFUSED';

/** An error whose `code` marks a call the address rules refused. */
export class WebhookAddressError extends Error {
  readonly code = WEBHOOK_ADDRESS_REFUSED;
}

/**
 * The HTTP dispatcher of webhook calls: the address each call connects to is judged by
 * `webhookAddressRefusal` after DNS resolution, in the connection's own look-up, so the
 * address checked is the address connected to (a name that resolves to loopback, or is
 * rebound to it after registration, is never contacted) and an IP literal in the URL
 * (which needs no look-up) is judged before connecting. Addresses refused are dropped from
 * a name's answers; a name left with none fails the call with a `WebhookAddressError`.
 */
export function createWebhookDispatcher(options: WebhookAddressOptions & { connectTimeoutMs?: number } = {}): Agent {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => webhookAddressRefusal(a.address, options) === null);
      if (allowed.length === 0) {
        const shown = addresses.map((a) => `${a.address} ${webhookAddressRefusal(a.address, options)}`).join('; ');
        return callback(new WebhookAddressError(`the webhook's host ${hostname} resolves only to addresses a webhook may not call (${shown})`), '', 0);
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
  const connect = buildConnector({ lookup, ...(options.connectTimeoutMs !== undefined ? { timeout: options.connectTimeoutMs } : {}) });
  return new Agent({
    connect(connectOptions, callback) {
      // A name is judged in `lookup`; an address, which net.connect never looks up, here.
      const host = connectOptions.hostname.replace(/^\[(.*)\]$/, '$1');
      const refusal = isIP(host) === 0 ? null : webhookAddressRefusal(host, options);
      if (refusal !== null) return callback(new WebhookAddressError(`the webhook's address ${host} ${refusal}`), null);
      connect(connectOptions, callback);
    },
  });
}
