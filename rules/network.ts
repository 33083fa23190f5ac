/** Network-isolation rules: the guide's principles as checks over the service/network graph. */
import type { Rule } from '../src/engine/rule.js';
import { noDefaultBridge } from './no-default-bridge/index.js';
import { noFlatNetwork } from './no-flat-network/index.js';
import { noHostNetwork } from './no-host-network/index.js';
import { noLinks } from './no-links/index.js';
import { noOverConnectedService } from './no-over-connected-service/index.js';
import { noPortsOnInternalNetwork } from './no-ports-on-internal-network/index.js';
import { noPublicDatastorePort } from './no-public-datastore-port/index.js';
import { noUnboundPort } from './no-unbound-port/index.js';
import { noUndefinedNetwork } from './no-undefined-network/index.js';
import { noUnreachableServiceReference } from './no-unreachable-service-reference/index.js';
import { noUnrelatedDatastoreAccess } from './no-unrelated-datastore-access/index.js';
import { noUnusedNetwork } from './no-unused-network/index.js';
import { requireInternalNetwork } from './require-internal-network/index.js';
import { requireOverlayEncryption } from './require-overlay-encryption/index.js';
import { validNetworkIpam } from './valid-network-ipam/index.js';

export const networkRules: Rule[] = [
  noHostNetwork,
  noDefaultBridge,
  noUnboundPort,
  noPublicDatastorePort,
  noPortsOnInternalNetwork,
  requireInternalNetwork,
  noFlatNetwork,
  noUnrelatedDatastoreAccess,
  noUnreachableServiceReference,
  noOverConnectedService,
  noUndefinedNetwork,
  noUnusedNetwork,
  noLinks,
  requireOverlayEncryption,
  validNetworkIpam,
];
