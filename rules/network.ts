/** Network-isolation rules: the guide's principles as checks over the service/network graph. */
import type { Rule } from '../src/engine/rule.js';
import { noHostNetwork } from './no-host-network/index.js';
import { noPublicDatastorePort } from './no-public-datastore-port/index.js';
import { noUnboundPort } from './no-unbound-port/index.js';
import { requireInternalNetwork } from './require-internal-network/index.js';

export const networkRules: Rule[] = [noHostNetwork, noUnboundPort, noPublicDatastorePort, requireInternalNetwork];
